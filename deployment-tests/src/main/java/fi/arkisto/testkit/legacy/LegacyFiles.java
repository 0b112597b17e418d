package fi.arkisto.testkit.legacy;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

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
    private static final String HELVETICA_OBJECT = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";
    private static final PDType1Font HELVETICA = new PDType1Font(Standard14Fonts.FontName.HELVETICA);

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

    /**
     * A one-page PDF 1.4 of Helvetica text (PDFBox), its content stream uncompressed so that the file is about
     * {@code size} bytes; the file identifier comes from {@code random}, so the same seed gives the same bytes.
     */
    static byte[] pdf(String heading, int size, SplittableRandom random) {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page,
                    PDPageContentStream.AppendMode.OVERWRITE, false)) {
                content.beginText();
                content.setFont(HELVETICA, 11);
                content.setLeading(14);
                content.newLineAtOffset(50, 800);
                content.showText(latin(heading));
                long written = heading.length();
                for (int lines = 0; written < size - 600 && lines < 2000; lines++) {
                    String sentence = latin(SENTENCES[random.nextInt(SENTENCES.length)]);
                    content.newLine();
                    content.showText(sentence);
                    written += sentence.length() + 10;
                }
                content.endText();
            }
            byte[] id = new byte[16];
            for (int i = 0; i < id.length; i++) {
                id[i] = (byte) random.nextInt(256);
            }
            COSArray ids = new COSArray();
            ids.add(new COSString(id));
            ids.add(new COSString(id));
            document.getDocument().getTrailer().setItem(COSName.ID, ids);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(size + 1024);
            document.save(bytes, CompressParameters.NO_COMPRESSION);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A one-page "scanned" PDF of about {@code imageBytes} bytes, written straight to {@code out}: an uncompressed
     * 8-bit greyscale image of pseudo-random pixels (incompressible, like a real scan) under a text heading. The
     * image is {@value #SCAN_WIDTH} pixels wide and as tall as the size needs; nothing is held in memory.
     *
     * <p>Not PDFBox: PDFBox keeps every stream's data in its cache (heap, or a scratch file) until {@code save}, so a
     * 1 GiB scan would be held or written to disk twice; {@link PdfWriter} writes the pixels once, straight to
     * {@code out}.
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
        pdf.object(HELVETICA_OBJECT);
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

    /** PDF string literal text: {@link #latin} with parentheses and backslashes escaped. */
    private static String ascii(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : latin(text).toCharArray()) {
            if (c == '(' || c == ')' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Latin letters only: the Finnish letters transliterated, anything else outside ASCII a question mark. */
    private static String latin(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case 'ä', 'å' -> out.append('a');
                case 'ö' -> out.append('o');
                case 'Ä' -> out.append('A');
                case 'Ö' -> out.append('O');
                default -> out.append(c < 128 ? c : '?');
            }
        }
        return out.toString();
    }
}
