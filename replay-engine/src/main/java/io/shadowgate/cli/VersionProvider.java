package io.shadowgate.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/** The tool version, from the build's filtered {@code shadowgate-version.properties}. */
public final class VersionProvider implements CommandLine.IVersionProvider {

    private static final String VERSION = load();

    public static String version() {
        return VERSION;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"shadowgate " + VERSION, "Java " + System.getProperty("java.version")};
    }

    private static String load() {
        try (InputStream in = VersionProvider.class.getResourceAsStream("/shadowgate-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
