package fi.arkisto.testkit.legacy;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a PDF 1.4 file object by object to a stream, recording each object's offset for the cross-reference table,
 * so a file of any size (a 1 GB scan) is written without holding it. Objects are numbered from 1 in the order they
 * are written; object 1 must be the catalog. Only the large scan uses it (why: {@code LegacyFiles.scanPdf}); the
 * small PDFs are PDFBox's.
 */
final class PdfWriter {

    /** Writes a stream object's data, exactly the number of bytes declared. */
    @FunctionalInterface
    interface StreamData {
        void writeTo(OutputStream out) throws IOException;
    }

    private final Counting out;
    private final List<Long> offsets = new ArrayList<>();

    PdfWriter(OutputStream out) throws IOException {
        this.out = new Counting(out);
        ascii("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");
    }

    void object(String body) throws IOException {
        offsets.add(out.count);
        ascii(offsets.size() + " 0 obj\n" + body + "\nendobj\n");
    }

    void stream(String dictionaryEntries, long length, StreamData data) throws IOException {
        offsets.add(out.count);
        ascii(offsets.size() + " 0 obj\n<< " + dictionaryEntries + " /Length " + length + " >>\nstream\n");
        long before = out.count;
        data.writeTo(out);
        if (out.count - before != length) {
            throw new IllegalStateException("Stream data was " + (out.count - before) + " bytes, declared " + length);
        }
        ascii("\nendstream\nendobj\n");
    }

    void finish() throws IOException {
        long xref = out.count;
        StringBuilder table = new StringBuilder("xref\n0 ").append(offsets.size() + 1).append("\n0000000000 65535 f \n");
        for (long offset : offsets) {
            table.append(String.format("%010d 00000 n \n", offset));
        }
        table.append("trailer\n<< /Size ").append(offsets.size() + 1).append(" /Root 1 0 R >>\nstartxref\n").append(xref).append("\n%%EOF\n");
        ascii(table.toString());
        out.flush();
    }

    private void ascii(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static final class Counting extends FilterOutputStream {
        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void close() {
            // the caller owns the underlying stream
        }
    }
}
