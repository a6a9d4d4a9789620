package dev.pairing.launcher.process;

/** What a child's exit status says about how it ended. */
public final class ExitStatus {

    private ExitStatus() {}

    /**
     * Whether a signal ended it (status 128 + signal, e.g. 137 for SIGKILL): a crash or a kill from
     * outside, which a supervisor answers with a restart. A process that exits by itself with an
     * error has a reason its log tells, and a restart would only repeat it.
     */
    public static boolean bySignal(int status) {
        return status > 128;
    }

    /** "status 137, SIGKILL" for the signals a drill or an operator sends, else "status N". */
    public static String describe(int status) {
        return switch (status) {
            case 137 -> "status 137, SIGKILL";
            case 143 -> "status 143, SIGTERM";
            default -> "status " + status;
        };
    }
}
