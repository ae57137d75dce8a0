package io.shadowgate.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import org.apache.commons.math3.util.ResizableDoubleArray;

/**
 * Reads a sample set (latencies or any other metric) from a file, for {@code shadowgate judge}.
 *
 * <p>Three formats, told apart by name and options:
 * <ul>
 *   <li>{@code *.hlog}: an HdrHistogram interval log, every interval (see {@link SampleHistogramLog});
 *   <li>CSV, when a column is named or the name ends in {@code .csv}: a header row, then one
 *       row per line; the named column is read (a file with a single column needs no name);
 *   <li>anything else: text, one number per line; blank lines and {@code #} comments are skipped.
 * </ul>
 * A NaN (and an empty CSV cell) is no value: it is left out and counted in
 * {@link SampleSet#skipped()}. Anything else that is not a finite decimal number is bad input:
 * a {@link BadInputException} (exit 65) naming {@code FILE:LINE} and what was found.
 */
final class SampleFiles {

    /** A plain decimal number; stricter than Double.parseDouble, which takes "1d" or "0x1p3". */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");
    private static final Pattern NOT_A_NUMBER = Pattern.compile("[+-]?nan", Pattern.CASE_INSENSITIVE);
    private static final Pattern INFINITE = Pattern.compile("[+-]?(?:inf|infinity)", Pattern.CASE_INSENSITIVE);

    private SampleFiles() {
    }

    /**
     * Reads {@code file}.
     *
     * @param column the CSV column to read, or null (text, .hlog, or a one-column CSV)
     */
    static SampleSet read(Path file, String column) throws BadInputException {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".hlog")) {
            if (column != null) {
                throw new BadInputException(file + ": --column is for CSV files, and this is an HdrHistogram log");
            }
            return SampleHistogramLog.read(file);
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return column != null || name.endsWith(".csv") ? readCsv(file, reader, column) : readText(file, reader);
        } catch (CharacterCodingException e) {
            throw new BadInputException(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + describe(e));
        }
    }

    /**
     * Reads {@code baseline} and {@code candidate} at once, the candidate on a second thread:
     * two files of 10,000,000 values each take seconds to parse, and on two cores the second
     * need not wait for the first. A problem with the baseline is reported first, as reading
     * them in turn would.
     */
    static SampleSet[] readBoth(Path baseline, Path candidate, String column) throws BadInputException {
        CompletableFuture<SampleSet> other = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                other.complete(read(candidate, column));
            } catch (Throwable e) {
                other.completeExceptionally(e);
            }
        }, "shadowgate-read-candidate");
        reader.setDaemon(true);
        reader.start();
        SampleSet base = read(baseline, column);
        try {
            return new SampleSet[] {base, other.join()};
        } catch (CompletionException e) {
            if (e.getCause() instanceof BadInputException bad) {
                throw bad;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Why an I/O operation failed, in words a user can act on. */
    static String describe(IOException e) {
        return e instanceof NoSuchFileException ? "no such file" : e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private static SampleSet readText(Path file, BufferedReader reader) throws IOException, BadInputException {
        ResizableDoubleArray values = new ResizableDoubleArray();
        long skipped = 0;
        int lineNumber = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            int comment = line.indexOf('#');
            String text = stripBom(comment < 0 ? line : line.substring(0, comment), lineNumber).trim();
            if (text.isEmpty()) {
                continue;
            }
            double value = parse(text, file, lineNumber, null);
            if (Double.isNaN(value)) {
                skipped++;
            } else {
                values.addElement(value);
            }
        }
        return new SampleSet(file, values.getElements(), skipped);
    }

    private static SampleSet readCsv(Path file, BufferedReader reader, String column) throws IOException, BadInputException {
        int lineNumber = 0;
        List<String> header = null;
        String line;
        while (header == null && (line = reader.readLine()) != null) {
            lineNumber++;
            if (!line.isBlank()) {
                header = fields(file, lineNumber, stripBom(line, lineNumber));
            }
        }
        if (header == null) {
            throw new BadInputException(file + ": empty CSV file: expected a header row");
        }
        int index = columnIndex(file, header, column);
        String label = header.get(index);
        ResizableDoubleArray values = new ResizableDoubleArray();
        long skipped = 0;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            List<String> row = fields(file, lineNumber, line);
            if (index >= row.size()) {
                throw new BadInputException(file + ":" + lineNumber + ": the row has " + row.size()
                        + " fields, and column '" + label + "' is field " + (index + 1));
            }
            String cell = row.get(index).trim();
            double value = cell.isEmpty() ? Double.NaN
                    : parse(cell, file, lineNumber, label);
            if (Double.isNaN(value)) {
                skipped++;
            } else {
                values.addElement(value);
            }
        }
        return new SampleSet(file, values.getElements(), skipped);
    }

    private static int columnIndex(Path file, List<String> header, String column) throws BadInputException {
        String columns = "'" + String.join("', '", header) + "'";
        if (column == null) {
            if (header.size() == 1) {
                return 0;
            }
            throw new BadInputException(file + ": choose a column with --column; the columns are " + columns);
        }
        int index = header.indexOf(column);
        if (index < 0) {
            throw new BadInputException(file + ": no column '" + column + "'; the columns are " + columns);
        }
        return index;
    }

    private static List<String> fields(Path file, int lineNumber, String line) throws BadInputException {
        try {
            return SampleCsv.fields(line);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(file + ":" + lineNumber + ": " + e.getMessage());
        }
    }

    /**
     * A number, or NaN for an explicit NaN; anything else is bad input at {@code file:line} (in
     * {@code column} when not null). The message is built only then: a file of ten million
     * values must not build ten million of them.
     */
    private static double parse(String text, Path file, int line, String column) throws BadInputException {
        boolean number = NUMBER.matcher(text).matches();
        if (number) {
            double value = Double.parseDouble(text);
            if (Double.isFinite(value)) {
                return value;
            }
        }
        if (NOT_A_NUMBER.matcher(text).matches()) {
            return Double.NaN;
        }
        String shown = text.length() > 60 ? text.substring(0, 60) + "..." : text;
        // 1e999 is a number, but no finite one: the statistics need finite values.
        String expected = number || INFINITE.matcher(text).matches() ? "expected a finite number" : "expected a number";
        throw new BadInputException(file + ":" + line + ": " + expected + ", found '" + shown + "'"
                + (column == null ? "" : " (column '" + column + "')"));
    }

    /** Spreadsheets often start UTF-8 files with a byte-order mark; it is not part of the data. */
    private static String stripBom(String line, int lineNumber) {
        return lineNumber == 1 && line.startsWith("\uFEFF") ? line.substring(1) : line;
    }
}
