package io.shadowgate.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the report in headless Chromium as a reviewer would: the verdict and the charts must
 * render with a clean console, and scripts planted in recorded bodies and endpoint names must
 * stay text. A second page proves the check itself can see a script that runs. The screenshot
 * is kept at {@code target/browser-check/report.png}.
 *
 * <p>Needs {@code /usr/bin/chromium} (Debian package {@code chromium}; {@code .ci/run}
 * installs it). {@code SHADOWGATE_SKIP_BROWSER=1} skips this check on a machine without it.
 */
class HtmlReportBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final long TIMEOUT_SECONDS = 60;
    private static final Path ARTIFACTS = Path.of("target", "browser-check");
    /** A line Chromium logs for each console message, uncaught error and CSP violation. */
    private static final Pattern CONSOLE = Pattern.compile(":CONSOLE[:(]|Uncaught|Content Security Policy|Refused to");

    @TempDir
    Path tmp;

    @BeforeEach
    void needsChromium() {
        Assumptions.assumeFalse("1".equals(System.getenv("SHADOWGATE_SKIP_BROWSER")),
                "SHADOWGATE_SKIP_BROWSER=1: the browser check is skipped");
        if (!Files.isExecutable(CHROMIUM)) {
            fail(CHROMIUM + " not found: the browser check opens the report in headless Chromium. Install it with "
                    + "`apt-get install chromium` (.ci/run does so on CI), or set SHADOWGATE_SKIP_BROWSER=1 to skip.");
        }
    }

    @Test
    void theVerdictAndChartsRenderWithACleanConsoleAndPlantedScriptsStayText() throws Exception {
        RunResult run = HtmlTestRuns.hostile();
        Path page = new HtmlReportWriter().write(run, tmp.resolve("report"));

        Chromium dom = chromium(page, "--dump-dom");

        String expectedTitle = Html.escape("Shadowgate NO_GO — " + run.info().scenarioName());
        assertThat(title(dom.stdout)).as("page title: a planted script would have set it").isEqualTo(expectedTitle);
        assertThat(dom.stdout).contains("<header class=\"banner no-go\">").contains("<h1>NO_GO</h1>")
                .contains("<ul class=\"reasons\">");
        assertThat(dom.stdout).contains("aria-label=\"latency percentile spectrum")
                .contains("aria-label=\"throughput, responses per second over time")
                .contains("aria-label=\"error rate, % of requests over time")
                .contains("<polyline");
        assertThat(count(dom.stdout, "<svg ")).as("rollout timeline, spectrum, four charts over time, gates over time")
                .isEqualTo(7);
        // The planted markup reached the page, as text: no element was made from it.
        String lower = dom.stdout.toLowerCase(Locale.ROOT);
        assertThat(lower).doesNotContain("<script").doesNotContain("<img").doesNotContain("<svg onload");
        assertThat(dom.stdout).contains("&lt;script&gt;" + HtmlTestRuns.PAYLOAD + "&lt;/script&gt;")
                .contains("&lt;img src=x onerror=");
        assertThat(consoleLines(dom.stderr)).as("console messages, uncaught errors, CSP violations").isEmpty();

        Files.createDirectories(ARTIFACTS);
        Files.copy(page, ARTIFACTS.resolve("index.html"), StandardCopyOption.REPLACE_EXISTING);
        Path png = ARTIFACTS.resolve("report.png").toAbsolutePath();
        Files.deleteIfExists(png);
        Chromium shot = chromium(page, "--screenshot=" + png, "--window-size=1280,4000", "--hide-scrollbars");
        assertThat(png).as("screenshot").isRegularFile();
        assertThat(consoleLines(shot.stderr)).isEmpty();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1280);
        // The NO_GO banner's background at the top, and both targets' line colours somewhere below.
        assertThat(rgb(image, 4, 4)).as("banner colour").isEqualTo(0xffebe9);
        assertThat(hasColour(image, SvgChart.targetColour(0))).as("a baseline line was drawn").isTrue();
        assertThat(hasColour(image, SvgChart.targetColour(1))).as("a candidate line was drawn").isTrue();
    }

    /** The page's CSP would stop an injected script by itself; without it, escaping alone must hold. */
    @Test
    void withoutItsContentSecurityPolicyNoPlantedScriptRunsEither() throws Exception {
        RunResult run = HtmlTestRuns.hostile();
        Path page = new HtmlReportWriter().write(run, tmp.resolve("report"));
        String html = Files.readString(page, StandardCharsets.UTF_8);
        String unguarded = html.replaceFirst("<meta http-equiv=\"Content-Security-Policy\"[^>]*>\n", "");
        assertThat(unguarded).isNotEqualTo(html);
        Files.writeString(page, unguarded, StandardCharsets.UTF_8);

        Chromium dom = chromium(page, "--dump-dom");

        assertThat(title(dom.stdout)).isEqualTo(Html.escape("Shadowgate NO_GO — " + run.info().scenarioName()));
        assertThat(dom.stdout.toLowerCase(Locale.ROOT)).doesNotContain("<script").doesNotContain("<img");
        assertThat(consoleLines(dom.stderr)).isEmpty();
    }

    /** Without this, a browser that ran no scripts at all (or logged nothing) would pass the checks above. */
    @Test
    void theCheckSeesAScriptThatRuns() throws Exception {
        Path page = tmp.resolve("control.html");
        Files.writeString(page, "<!DOCTYPE html><html><head><title>unchanged</title></head><body><p>control</p><script>"
                + HtmlTestRuns.PAYLOAD + ";console.error('probe')</script></body></html>", StandardCharsets.UTF_8);

        Chromium dom = chromium(page, "--dump-dom");

        assertThat(title(dom.stdout)).isEqualTo("PWNED");
        assertThat(consoleLines(dom.stderr)).anyMatch(line -> line.contains("probe"));
    }

    /** What one Chromium run printed. */
    private record Chromium(String stdout, String stderr) {
    }

    /** Runs headless Chromium on {@code page} with {@code args}, bounded in time; fails on timeout or a failed exit. */
    private Chromium chromium(Path page, String... args) throws IOException, InterruptedException {
        Path run = Files.createTempDirectory(tmp, "chromium");
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless=new", "--disable-gpu",
                "--no-sandbox", "--user-data-dir=" + run.resolve("profile"), "--enable-logging=stderr", "--v=0",
                "--virtual-time-budget=5000"));
        command.addAll(List.of(args));
        command.add(page.toAbsolutePath().toUri().toString());
        Path out = run.resolve("stdout");
        Path err = run.resolve("stderr");
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            fail("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command + "\n" + tail(err));
        }
        if (process.exitValue() != 0) {
            fail("chromium exited with " + process.exitValue() + ": " + command + "\n" + tail(err));
        }
        return new Chromium(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static String tail(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    private static List<String> consoleLines(String stderr) {
        return stderr.lines().filter(line -> CONSOLE.matcher(line).find()).toList();
    }

    private static String title(String dom) {
        Matcher m = Pattern.compile("<title>(.*?)</title>", Pattern.DOTALL).matcher(dom);
        assertThat(m.find()).as("a <title> in the DOM").isTrue();
        return m.group(1);
    }

    private static int count(String text, String literal) {
        int n = 0;
        for (int at = text.indexOf(literal); at >= 0; at = text.indexOf(literal, at + 1)) {
            n++;
        }
        return n;
    }

    private static int rgb(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) & 0xffffff;
    }

    /** Whether some pixel has exactly this colour ({@code #rrggbb}): the core of a line, not its antialiased edge. */
    private static boolean hasColour(BufferedImage image, String hex) {
        int wanted = Integer.parseInt(hex.substring(1), 16);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (rgb(image, x, y) == wanted) {
                    return true;
                }
            }
        }
        return false;
    }
}
