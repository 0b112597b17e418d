package fi.arkisto.testkit.legacy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Synthetic legacy files of about a given size: Finnish plain text, safe XHTML, a valid one-page PDF, and a large
 * "scanned" PDF streamed to disk.
 */
final class LegacyFiles {

    private static final String[] SENTENCES = {
            "Asiakkaan kanssa käytiin läpi tilanne ja sovittiin jatkosta.",
            "Kotikäynnillä todettiin, että arki sujuu pääosin hyvin.",
            "Asiakas toivoo tukea asumiseen ja päivittäisiin asioihin.",
            "Yhteistyötahoina ovat koulu, neuvola ja kotihoito.",
            "Seuraava tapaaminen sovitaan kuukauden kuluttua.",
            "Palvelutarve arvioidaan uudelleen puolen vuoden kuluttua."};

    static final int SCAN_WIDTH = 8192;
    private static final String HELVETICA = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";

    private LegacyFiles() {
    }

    static byte[] text(String heading, int size, SplittableRandom random) {
        StringBuilder text = new StringBuilder(size + 128).append(heading).append("\n\n");
        while (text.length() < size) {
            text.append(SENTENCES[random.nextInt(SENTENCES.length)]).append(random.nextInt(8) == 0 ? "\n\n" : " ");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] xhtml(String title, String heading, int size, SplittableRandom random) {
        StringBuilder x = new StringBuilder(size + 256)
                .append("<div xmlns=\"http://www.w3.org/1999/xhtml\" class=\"soc-document\">\n<h1>").append(title)
                .append("</h1>\n<p>").append(heading).append("</p>\n");
        while (x.length() < size) {
            x.append("<p>").append(SENTENCES[random.nextInt(SENTENCES.length)]).append("</p>\n");
        }
        return x.append("</div>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A minimal PDF 1.4 with one page of Helvetica text and a correct cross-reference table. */
    static byte[] pdf(String heading, int size, SplittableRandom random) {
        StringBuilder content = new StringBuilder("BT /F1 11 Tf 50 800 Td 14 TL (").append(ascii(heading)).append(") Tj\n");
        int lines = 0;
        while (content.length() < size - 600 && lines < 2000) {
            content.append("T* (").append(ascii(SENTENCES[random.nextInt(SENTENCES.length)])).append(") Tj\n");
            lines++;
        }
        content.append("ET");
        byte[] contentBytes = content.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(contentBytes.length + 1024);
        try {
            PdfWriter pdf = new PdfWriter(bytes);
            pdf.object("<< /Type /Catalog /Pages 2 0 R >>");
            pdf.object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
            pdf.object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>");
            pdf.stream("", contentBytes.length, out -> out.write(contentBytes));
            pdf.object(HELVETICA);
            pdf.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * A one-page "scanned" PDF of about {@code imageBytes} bytes, written straight to {@code out}: an uncompressed
     * 8-bit greyscale image of pseudo-random pixels (incompressible, like a real scan) under a text heading. The
     * image is {@value #SCAN_WIDTH} pixels wide and as tall as the size needs; nothing is held in memory.
     */
    static void scanPdf(String heading, long imageBytes, long seed, OutputStream out) throws IOException {
        long height = Math.max(1, imageBytes / SCAN_WIDTH);
        long length = height * SCAN_WIDTH;
        byte[] contents = ("q 595 0 0 780 0 0 cm /Im1 Do Q\nBT /F1 11 Tf 50 810 Td (" + ascii(heading) + ") Tj ET")
                .getBytes(StandardCharsets.ISO_8859_1);
        PdfWriter pdf = new PdfWriter(out);
        pdf.object("<< /Type /Catalog /Pages 2 0 R >>");
        pdf.object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        pdf.object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
                + " /Resources << /Font << /F1 5 0 R >> /XObject << /Im1 6 0 R >> >> >>");
        pdf.stream("", contents.length, o -> o.write(contents));
        pdf.object(HELVETICA);
        pdf.stream("/Type /XObject /Subtype /Image /Width " + SCAN_WIDTH + " /Height " + height
                + " /ColorSpace /DeviceGray /BitsPerComponent 8", length, o -> {
            SplittableRandom random = new SplittableRandom(seed);
            byte[] buffer = new byte[1 << 16];
            for (long left = length; left > 0; ) {
                for (int i = 0; i < buffer.length; i += 8) {
                    long r = random.nextLong();
                    for (int j = 0; j < 8; j++) {
                        buffer[i + j] = (byte) (r >>> (8 * j));
                    }
                }
                int n = (int) Math.min(buffer.length, left);
                o.write(buffer, 0, n);
                left -= n;
            }
        });
        pdf.finish();
    }

    /** PDF string literal text: Latin letters only (the Finnish letters are transliterated), parentheses escaped. */
    private static String ascii(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case 'ä' -> out.append('a');
                case 'ö' -> out.append('o');
                case 'å' -> out.append('a');
                case 'Ä' -> out.append('A');
                case 'Ö' -> out.append('O');
                case '(', ')', '\\' -> out.append('\\').append(c);
                default -> out.append(c < 128 ? c : '?');
            }
        }
        return out.toString();
    }
}
