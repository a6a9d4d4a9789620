package dev.pairing.schemas.registry;

import java.io.Serializable;
import java.util.Locale;
import java.util.Properties;

/**
 * How the runner finds the ids its Confluent-framed output is written under, with the semantics of
 * Confluent's serializer settings of the same names: register the schemas (the default), or, with
 * {@code auto.register.schemas=false}, only look them up, so a registry that refuses writes (a
 * production one, say) serves as it is. The lookup finds the subject's version that is this
 * runner's schema; with {@code use.latest.version=true} it takes the subject's latest version
 * instead, which must then be that schema (the runner writes exactly its own).
 *
 * @param subjects         which subject each output schema goes under
 * @param autoRegister     register the schemas; false: look them up only
 * @param useLatestVersion without registration, take each subject's latest version
 */
public record OutputSchemaPolicy(SubjectNameStrategy subjects, boolean autoRegister, boolean useLatestVersion)
        implements Serializable {

    public static final String AUTO_REGISTER = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";

    public static final OutputSchemaPolicy DEFAULT = new OutputSchemaPolicy(SubjectNameStrategy.TOPIC_NAME, true, false);

    static OutputSchemaPolicy from(Properties props) {
        boolean register = flag(props, AUTO_REGISTER, true);
        boolean latest = flag(props, USE_LATEST_VERSION, false);
        if (register && latest) {
            // Confluent's serializer ignores use.latest.version while it registers: say so instead
            throw new IllegalArgumentException(USE_LATEST_VERSION + "=true applies only without registration:"
                    + " set " + AUTO_REGISTER + "=false too");
        }
        return new OutputSchemaPolicy(SubjectNameStrategy.of(props.getProperty(SubjectNameStrategy.PROPERTY)),
                register, latest);
    }

    private static boolean flag(Properties props, String key, boolean otherwise) {
        String value = props.getProperty(key);
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, got '" + value + "'");
        };
    }

    /** For logs. */
    @Override
    public String toString() {
        return (autoRegister ? "registering" : useLatestVersion ? "latest version, no registration"
                : "lookup only") + ", " + subjects.confluentClass().substring(subjects.confluentClass().lastIndexOf('.') + 1);
    }
}
