package io.shadowgate.cli;

import io.shadowgate.scenario.TrafficInput;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine;

/** The format of a traffic file named on the command line: said outright, or told by its name. */
final class TrafficFormats {

    private TrafficFormats() {
    }

    static TrafficInput.Format of(Path file, String said, CommandLine commandLine) {
        if (said != null) {
            try {
                return TrafficInput.Format.valueOf(said.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(commandLine,
                        "unknown traffic format '" + said + "' (expected file, har, gor or accesslog)");
            }
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String base = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        if (base.endsWith(".jsonl") || base.endsWith(".traffic")) {
            return TrafficInput.Format.FILE;
        }
        if (base.endsWith(".har")) {
            return TrafficInput.Format.HAR;
        }
        if (base.endsWith(".gor")) {
            return TrafficInput.Format.GOR;
        }
        if (base.endsWith(".log") || base.contains("access")) {
            return TrafficInput.Format.ACCESSLOG;
        }
        throw new CommandLine.ParameterException(commandLine, "cannot tell the format of '" + file
                + "' from its name; say it with --traffic-format file|har|gor|accesslog");
    }
}
