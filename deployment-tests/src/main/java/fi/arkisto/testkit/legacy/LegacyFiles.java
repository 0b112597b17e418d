package fi.arkisto.testkit.legacy;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** Synthetic legacy files of about a given size: Finnish plain text, safe XHTML, and a valid one-page PDF. */
final class LegacyFiles {

    private static final String[] SENTENCES = {
            "Asiakkaan kanssa käytiin läpi tilanne ja sovittiin jatkosta.",
            "Kotikäynnillä todettiin, että arki sujuu pääosin hyvin.",
            "Asiakas toivoo tukea asumiseen ja päivittäisiin asioihin.",
            "Yhteistyötahoina ovat koulu, neuvola ja kotihoito.",
            "Seuraava tapaaminen sovitaan kuukauden kuluttua.",
            "Palvelutarve arvioidaan uudelleen puolen vuoden kuluttua."};

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
        content.append("ET\n");
        String[] objects = {
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
                "<< /Length " + content.length() + " >>\nstream\n" + content + "endstream",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"};
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        int[] offsets = new int[objects.length];
        for (int i = 0; i < objects.length; i++) {
            offsets[i] = pdf.length();
            pdf.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
        for (int offset : offsets) {
            pdf.append(String.format("%010d 00000 n \n", offset));
        }
        pdf.append("trailer\n<< /Size ").append(objects.length + 1).append(" /Root 1 0 R >>\nstartxref\n").append(xref).append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.ISO_8859_1);
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
