package io.shadowgate.cli;

import io.shadowgate.judge.Decision;
import io.shadowgate.report.RunInfo;
import io.shadowgate.report.RunResult;
import io.shadowgate.report.TargetIdentity;
import io.shadowgate.report.VerdictJson;
import io.shadowgate.report.VerdictSeal;
import io.shadowgate.scenario.Scenario;
import io.shadowgate.scenario.TrafficInput;
import io.shadowgate.traffic.TrafficScan;
import io.shadowgate.traffic.TrafficSources;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code shadowgate verify}: whether a stored verdict pre-authorizes a given candidate version,
 * so that a rollback step in CI can check it was decided on before it runs. Every condition is
 * checked and every failed one named; the answer is the exit code.
 */
@Command(name = "verify",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Check that a stored verdict.json pre-authorizes a candidate version: exit 0 only if the file "
                + "is unmodified (its seal matches its content), its decision is GO, the run was not partial, the "
                + "candidate it names is VERSION (the configured version and, when the run read versions from the "
                + "answers, every version the candidate reported), with --baseline-version the same for the "
                + "baseline, and with --traffic that the run replayed exactly that traffic (same SHA-256 as the run "
                + "records: a traffic file's record lines, another format's file bytes).",
            "Prints one line saying what was confirmed, or every reason it is not pre-authorized.",
            "The seal shows the file was not changed after it was written, not who wrote it: keep verdicts where "
                + "only the pipeline can write them."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:pre-authorized: an unmodified GO for that version (and traffic)",
            " 1:not pre-authorized; the reasons are printed",
            "64:usage error",
            "65:the verdict or traffic file is missing, unreadable or not a verdict"})
final class VerifyCommand implements Callable<Integer> {

    static final int PRE_AUTHORIZED = ExitCode.GO;
    static final int NOT_PRE_AUTHORIZED = ExitCode.NO_GO;

    @Parameters(index = "0", paramLabel = "VERDICT",
            description = "The verdict.json of a run, or the run's result directory.")
    Path verdict;

    @Option(names = "--candidate-version", required = true, paramLabel = "VERSION",
            description = "The version about to be rolled out (or back to).")
    String candidateVersion;

    @Option(names = "--baseline-version", paramLabel = "VERSION",
            description = "Also require the baseline to have been this version.")
    String baselineVersion;

    @Option(names = "--traffic", paramLabel = "FILE",
            description = "Also require the run to have replayed exactly this traffic.")
    Path traffic;

    @Option(names = "--traffic-format", paramLabel = "FORMAT",
            description = "Format of --traffic: file, har, gor or accesslog (default: from the file name, else the "
                    + "verdict's).")
    String trafficFormat;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws BadInputException {
        if (trafficFormat != null && traffic == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--traffic-format goes with --traffic FILE");
        }
        Path file = Files.isDirectory(verdict) ? verdict.resolve(VerdictJson.FILE_NAME) : verdict;
        byte[] content = readVerdict(file);
        VerdictSeal.Check seal;
        try {
            seal = VerdictSeal.check(content);
        } catch (IOException e) {
            throw new BadInputException(file + ": not a verdict: " + e.getMessage());
        }
        List<String> reasons = new ArrayList<>();
        if (!seal.intact()) {
            reasons.add(seal.describe());
        }
        RunResult result;
        try {
            result = VerdictJson.read(content, file);
        } catch (IOException e) {
            if (!seal.intact()) {
                // A changed file need not read as a verdict at all; the seal has said what is wrong.
                reasons.add("it cannot be read as a verdict (" + e.getMessage() + ")");
                return refuse(file, reasons);
            }
            throw new BadInputException(e.getMessage());
        }
        reasons.addAll(reasons(result));
        if (!reasons.isEmpty()) {
            return refuse(file, reasons);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("pre-authorized: " + file + " is an unmodified GO for candidate " + candidateVersion
                + (baselineVersion == null ? "" : " against baseline " + baselineVersion)
                + " (scenario " + result.info().scenarioName() + ", traffic " + describeTraffic(result.info())
                + (this.traffic == null ? "" : " = " + this.traffic) + ", sealed " + shortHash(seal.computed()) + ")");
        out.flush();
        return PRE_AUTHORIZED;
    }

    /** Every reason the (readable) result does not pre-authorize what was asked. */
    private List<String> reasons(RunResult result) throws BadInputException {
        List<String> reasons = new ArrayList<>();
        Decision decision = result.verdict().decision();
        if (decision != Decision.GO) {
            reasons.add("the decision is " + decision + ", not GO");
        }
        RunInfo info = result.info();
        if (info.partial()) {
            reasons.add("the run was partial (interrupted before its schedule ended)");
        }
        reasons.addAll(version(info, Scenario.CANDIDATE, candidateVersion));
        if (baselineVersion != null) {
            reasons.addAll(version(info, Scenario.BASELINE, baselineVersion));
        }
        if (traffic != null) {
            String expected = info.traffic() == null ? null : info.traffic().sha256();
            String actual = trafficSha256(result);
            if (expected == null) {
                reasons.add("the verdict records no traffic hash");
            } else if (!expected.equalsIgnoreCase(actual)) {
                reasons.add("the run replayed other traffic: " + describeTraffic(info) + ", while " + traffic + " is "
                        + shortHash(actual));
            }
        }
        return reasons;
    }

    private static List<String> version(RunInfo info, String role, String expected) {
        TargetIdentity identity = info.targetIdentities() == null ? null : info.targetIdentities().get(role);
        if (identity == null) {
            return List.of("the verdict names no " + role + " version");
        }
        return identity.mismatches(role, expected);
    }

    /** The traffic file's SHA-256 as a run computes it (the same scan), so the two can be compared. */
    private String trafficSha256(RunResult result) throws BadInputException {
        if (!Files.isRegularFile(traffic) || !Files.isReadable(traffic)) {
            throw new BadInputException("--traffic " + traffic + ": no such readable file");
        }
        TrafficInput input = TrafficInput.recorded(format(result.info().traffic()), traffic, true);
        try {
            TrafficScan scan = TrafficSources.scan(input, result.info().seed(), true);
            return scan.sha256();
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--traffic " + traffic + ": " + e.getMessage());
        }
    }

    /** Said with --traffic-format; else told by the file name; else the format the verdict's run read. */
    private TrafficInput.Format format(TrafficScan recorded) {
        try {
            return TrafficFormats.of(traffic, trafficFormat, spec.commandLine());
        } catch (CommandLine.ParameterException e) {
            if (trafficFormat != null || recorded == null || !recorded.source().contains(":")) {
                throw e;
            }
            String kind = recorded.source().substring(0, recorded.source().indexOf(':'));
            try {
                return TrafficInput.Format.valueOf(kind.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                throw e;
            }
        }
    }

    private static byte[] readVerdict(Path file) throws BadInputException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    private int refuse(Path file, List<String> reasons) {
        PrintWriter out = spec.commandLine().getOut();
        out.println("NOT pre-authorized: " + file + " does not pre-authorize candidate " + candidateVersion + ":");
        for (String reason : reasons) {
            out.println("  - " + reason);
        }
        out.flush();
        return NOT_PRE_AUTHORIZED;
    }

    private static String describeTraffic(RunInfo info) {
        TrafficScan scan = info.traffic();
        return scan == null ? "unknown traffic" : scan.source() + " " + shortHash(scan.sha256());
    }

    /** The first 12 hex digits: enough to tell hashes apart in a message. */
    private static String shortHash(String sha256) {
        return sha256 == null ? "(no hash)" : "sha256:" + sha256.substring(0, Math.min(12, sha256.length()));
    }
}
