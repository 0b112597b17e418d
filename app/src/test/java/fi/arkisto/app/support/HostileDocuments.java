package fi.arkisto.app.support;

import fi.arkisto.store.testsupport.SmallPdfs;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Documents whose content would make a browser run script or fetch from {@code target} (a URL the test listens on)
 * if it rendered them actively: the attacks the archive refuses at archiving, for tests of what the read path serves
 * whatever the archive holds.
 */
public final class HostileDocuments {

    private static final Pattern DISPLAY_TEXT = Pattern.compile(
            "<text mediaType=\"[^\"]*\" representation=\"B64\">(.*?)</text>", Pattern.DOTALL);

    private HostileDocuments() {
    }

    /** XHTML and SVG scripts, an image and a style sheet instruction in the CDA header, outside the display form. */
    public static byte[] withActiveHeader(byte[] cda, String target) {
        String xml = new String(cda, StandardCharsets.UTF_8);
        String active = "<h:script xmlns:h=\"http://www.w3.org/1999/xhtml\">fetch('" + target + "/original-script')</h:script>"
                + "<h:img xmlns:h=\"http://www.w3.org/1999/xhtml\" src=\"" + target + "/original-image\"/>"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\"><image href=\"" + target + "/original-svg-image\"/>"
                + "<script>fetch('" + target + "/original-svg-script')</script></svg>";
        String withElements = xml.replaceFirst("<realmCode code=\"FI\"/>", "<realmCode code=\"FI\"/>" + active);
        String withInstruction = withElements.replaceFirst("^(<\\?xml[^>]*\\?>)?", "$1<?xml-stylesheet type=\"text/xsl\" href=\""
                + target + "/original-xslt\"?>");
        return withInstruction.getBytes(StandardCharsets.UTF_8);
    }

    /** A display form that fetches from every corner an XHTML page has: script, image, CSS, import, refresh. */
    public static byte[] activeDisplayForm(String target) {
        return ("<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>Päätös</title>"
                + "<meta http-equiv=\"refresh\" content=\"0; url=" + target + "/display-refresh\"/>"
                + "<link rel=\"stylesheet\" href=\"" + target + "/display-link\"/>"
                + "<style>@import \"" + target + "/display-import\"; body { background: url(" + target + "/display-css) }</style>"
                + "</head><body><h1>Päätös</h1><img src=\"" + target + "/display-image\" alt=\"\"/>"
                + "<script>fetch('" + target + "/display-script')</script>"
                + "<iframe src=\"" + target + "/display-frame\"></iframe></body></html>").getBytes(StandardCharsets.UTF_8);
    }

    /** A one-page PDF whose open action runs JavaScript and whose link leads to {@code target}. */
    public static byte[] activePdf(String target) {
        String js = "app.launchURL('" + target + "/pdf-javascript', true); this.submitForm('" + target + "/pdf-submit');";
        String content = "BT /F1 24 Tf 50 700 Td (Paatos) Tj ET\n";
        String[] objects = {
                "<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (" + js + ") >> >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> "
                        + "/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 595 842] /A << /S /URI /URI (" + target
                        + "/pdf-link) >> >>] /AA << /O << /S /URI /URI (" + target + "/pdf-page-open) >> >> >>",
                "<< /Length " + content.length() + " >>\nstream\n" + content + "endstream",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
        return SmallPdfs.of("", objects);
    }

    /** The document with {@code displayForm} as its display form (Base64) under {@code mediaType}. */
    public static byte[] withDisplayForm(byte[] cda, byte[] displayForm, String mediaType) {
        String xml = new String(cda, StandardCharsets.UTF_8);
        Matcher text = DISPLAY_TEXT.matcher(xml);
        if (!text.find()) {
            throw new IllegalArgumentException("The document has no display form text");
        }
        String replaced = "<text mediaType=\"" + mediaType + "\" representation=\"B64\">"
                + Base64.getEncoder().encodeToString(displayForm) + "</text>";
        return (xml.substring(0, text.start()) + replaced + xml.substring(text.end())).getBytes(StandardCharsets.UTF_8);
    }
}
