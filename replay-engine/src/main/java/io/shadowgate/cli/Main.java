package io.shadowgate.cli;

import io.netty.util.ResourceLeakDetector;
import io.shadowgate.replay.TargetUnreachableException;
import io.shadowgate.scenario.ScenarioException;
import io.shadowgate.traffic.TrafficFormatException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code shadowgate} command. The only place that exits the process, and the only place
 * that turns failures into exit codes: user errors get one clear line, never a stack trace.
 */
@Command(name = "shadowgate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Pre-authorizes a rollback candidate: replays traffic against the baseline and the candidate "
                + "side by side and returns GO, NO_GO or INCONCLUSIVE with the evidence.",
        subcommands = {RunCommand.class, ImportCommand.class, SynthCommand.class, SimulateCommand.class,
            CaptureCommand.class, ProxyCommand.class, JudgeCommand.class, ReportCommand.class, VerifyCommand.class,
            MergeCommand.class,
            CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:GO: every gate holds (run --shard: the shard's result was written; a shard has no verdict)",
            " 1:NO_GO: a gate is breached",
            " 2:INCONCLUSIVE: too little evidence either way (merge: also when the shards are not one complete run;"
                + " run --shard: the shard was interrupted)",
            "64:usage error",
            "65:bad input data (scenario, traffic, faults file)",
            "69:a target could not be reached at all",
            "70:internal error"})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            // Netty samples one buffer in 128 with a stack trace to find leaks: the tests keep
            // that on (they call execute), a run spent 1 % of its event loops on it.
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** Runs the command line in-process with the given output streams (tests, embedding). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExitCodeExceptionMapper(Main::exitCode);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            int code = exitCode(e);
            if (code == ExitCode.INTERNAL) {
                err.println("shadowgate: internal error: " + e);
                if (System.getenv("SHADOWGATE_DEBUG") != null) {
                    e.printStackTrace(err);
                } else {
                    err.println("(set SHADOWGATE_DEBUG=1 for the stack trace, and please report it)");
                }
            } else {
                err.println("shadowgate: " + e.getMessage());
            }
            err.flush();
            return code;
        });
        cl.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("shadowgate: " + e.getMessage());
            err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            err.flush();
            return ExitCode.USAGE;
        });
        return cl;
    }

    static int exitCode(Throwable e) {
        if (e instanceof ScenarioException || e instanceof BadInputException || e instanceof TrafficFormatException) {
            return ExitCode.BAD_INPUT;
        }
        if (e instanceof TargetUnreachableException) {
            return ExitCode.UNREACHABLE;
        }
        if (e instanceof CommandLine.ParameterException) {
            return ExitCode.USAGE;
        }
        return ExitCode.INTERNAL;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (run, merge, import, synth, capture, proxy, simulate, judge, report, verify)");
    }
}
