package dev.pairing.launcher.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** A java command line: the same JVM binary as ours, a classpath, options, a main class and arguments. */
public final class JavaCommand {

    private final List<String> classpath = new ArrayList<>();
    private final List<String> jvmOptions = new ArrayList<>();
    private final List<String> arguments = new ArrayList<>();
    private String mainClass;
    private String guardedClass;
    private Path jar;

    /** Every jar in the directory, in name order, so the classpath is the same on every run. */
    public JavaCommand jarsIn(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException(directory + " is missing: build first (./mvnw -DskipTests package)");
        }
        try (Stream<Path> jars = Files.list(directory)) {
            jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> classpath.add(p.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public JavaCommand classpath(Path entry) {
        classpath.add(entry.toString());
        return this;
    }

    public JavaCommand jvm(String... options) {
        jvmOptions.addAll(List.of(options));
        return this;
    }

    public JavaCommand jvm(Collection<String> options) {
        jvmOptions.addAll(options);
        return this;
    }

    public JavaCommand main(String mainClass) {
        this.mainClass = mainClass;
        return this;
    }

    /** Runs {@code mainClass} under {@link OrphanGuard}, which must be on the classpath too. */
    public JavaCommand guardedMain(String mainClass) {
        this.mainClass = OrphanGuard.class.getName();
        this.guardedClass = mainClass;
        return this;
    }

    /**
     * Runs a packaged jar's own main class (its manifest's {@code Main-Class}) under
     * {@link OrphanGuard}, which must be on the classpath too: the jar as {@code java -jar} runs it,
     * and it stops when this JVM goes away.
     */
    public JavaCommand guardedJar(Path jar) {
        classpath(jar);
        return guardedMain(mainClassOf(jar));
    }

    static String mainClassOf(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String main = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
            if (main == null) {
                throw new IllegalStateException(jar + " names no Main-Class in its manifest");
            }
            return main;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar + ": " + e.getMessage(), e);
        }
    }

    /** {@code java -jar jar}: the jar's own main class and classpath, as a user runs it. */
    public JavaCommand jar(Path executableJar) {
        this.jar = executableJar;
        return this;
    }

    public JavaCommand args(String... args) {
        arguments.addAll(List.of(args));
        return this;
    }

    public JavaCommand args(Collection<String> args) {
        arguments.addAll(args);
        return this;
    }

    public List<String> toList() {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmOptions);
        if (jar != null) {
            command.add("-jar");
            command.add(jar.toString());
        } else {
            command.add("-cp");
            command.add(String.join(File.pathSeparator, classpath));
            command.add(mainClass);
            if (guardedClass != null) {
                command.add(guardedClass);
            }
        }
        command.addAll(arguments);
        return command;
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
