package fi.arkisto.store.testsupport;

import java.nio.charset.StandardCharsets;

/** Small PDFs written object by object for tests of what a PDF may hold, with a correct cross-reference table. */
public final class SmallPdfs {

    private SmallPdfs() {
    }

    /**
     * A PDF 1.7 of {@code objects} numbered from 1 (object 1 the catalog), with {@code trailerExtra} in its trailer
     * (e.g. {@code /Info << ... >>}).
     */
    public static byte[] of(String trailerExtra, String... objects) {
        StringBuilder pdf = new StringBuilder("%PDF-1.7\n");
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
        pdf.append("trailer\n<< /Size ").append(objects.length + 1).append(" /Root 1 0 R ").append(trailerExtra)
                .append(" >>\nstartxref\n").append(xref).append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
