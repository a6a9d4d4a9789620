package dev.pairing.apicompat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What other code compiles and links against in a type: its kind, modifiers and supertypes, and its
 * public and protected constructors, methods and fields, with erased types (what the JVM links by).
 * One line each, so that a baseline is a sorted text file and a break is a line that went away.
 */
final class ApiSignatures {

    private ApiSignatures() {}

    /** The lines of a type and of its public nested types. */
    static Set<String> of(Class<?> type) {
        Set<String> lines = new TreeSet<>();
        add(type, lines);
        return lines;
    }

    private static void add(Class<?> type, Set<String> lines) {
        String name = type.getName();
        lines.add(name + " : " + header(type));
        if (type.isRecord()) {
            lines.add(name + " : record (" + Arrays.stream(type.getRecordComponents())
                    .map(c -> erased(c.getType()) + " " + c.getName()).collect(Collectors.joining(", ")) + ")");
        }
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            if (visible(c.getModifiers()) && !c.isSynthetic()) {
                lines.add(name + " : " + modifiers(c.getModifiers()) + "<init>(" + params(c) + ")" + throwsClause(c));
            }
        }
        for (Method m : type.getDeclaredMethods()) {
            if (visible(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
                lines.add(name + " : " + modifiers(m.getModifiers() & ~Modifier.TRANSIENT) + erased(m.getReturnType())
                        + " " + m.getName() + "(" + params(m) + ")" + throwsClause(m));
            }
        }
        for (Field f : type.getDeclaredFields()) {
            if (visible(f.getModifiers()) && !f.isSynthetic()) {
                lines.add(name + " : " + modifiers(f.getModifiers()) + erased(f.getType()) + " " + f.getName());
            }
        }
        for (Class<?> nested : type.getDeclaredClasses()) {
            if (visible(nested.getModifiers())) {
                add(nested, lines);
            }
        }
    }

    private static String header(Class<?> type) {
        String kind = type.isAnnotation() ? "@interface" : type.isInterface() ? "interface" : type.isEnum() ? "enum"
                : type.isRecord() ? "record" : "class";
        int mods = type.getModifiers() & ~(Modifier.INTERFACE | Modifier.ABSTRACT * (type.isInterface() ? 1 : 0));
        StringBuilder line = new StringBuilder(modifiers(mods)).append(kind);
        if (type.getSuperclass() != null && !type.isEnum() && !type.isRecord() && type.getSuperclass() != Object.class) {
            line.append(" extends ").append(type.getSuperclass().getName());
        }
        List<String> interfaces = Arrays.stream(type.getInterfaces()).map(Class::getName).sorted().toList();
        if (!interfaces.isEmpty()) {
            line.append(type.isInterface() ? " extends " : " implements ").append(String.join(", ", interfaces));
        }
        if (type.isSealed()) {
            line.append(" permits ").append(Arrays.stream(type.getPermittedSubclasses()).map(Class::getName).sorted()
                    .collect(Collectors.joining(", ")));
        }
        return line.toString();
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static String modifiers(int modifiers) {
        String text = Modifier.toString(modifiers & (Modifier.PUBLIC | Modifier.PROTECTED | Modifier.STATIC
                | Modifier.FINAL | Modifier.ABSTRACT));
        return text.isEmpty() ? "" : text + " ";
    }

    private static String params(Executable executable) {
        return Arrays.stream(executable.getParameterTypes()).map(ApiSignatures::erased).collect(Collectors.joining(", "));
    }

    private static String throwsClause(Executable executable) {
        Class<?>[] thrown = executable.getExceptionTypes();
        return thrown.length == 0 ? "" : " throws " + Arrays.stream(thrown).map(Class::getName).sorted()
                .collect(Collectors.joining(", "));
    }

    private static String erased(Class<?> type) {
        return type.isArray() ? erased(type.getComponentType()) + "[]" : type.getName();
    }
}
