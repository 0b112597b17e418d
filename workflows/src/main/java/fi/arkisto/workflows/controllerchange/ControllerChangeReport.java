package fi.arkisto.workflows.controllerchange;

import fi.arkisto.store.controllerchange.ControllerChange;
import fi.arkisto.store.controllerchange.ControllerChangeRuns.ControllerChangeRun;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The report of a controller change run (PDF, Finnish and English): the change, who approved and scheduled it, and
 * what the verification found. Kept as a process variable with the process's history.
 */
final class ControllerChangeReport {

    private static final PDType1Font REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private static final PDType1Font BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

    private ControllerChangeReport() {
    }

    static byte[] write(ControllerChange change, ControllerChangeRun run, List<String> participants) {
        List<String> lines = new ArrayList<>();
        lines.add("Muutos / Change: " + change.id());
        lines.add("Vanha rekisterinpitäjä / Old controller: " + change.oldController());
        lines.add("Uusi rekisterinpitäjä / New controller: " + change.newController());
        lines.add("Laajuus / Scope: " + change.scope().describe());
        lines.add("Syy / Reason: " + change.reason());
        lines.add("Suunniteltu / Planned for: " + change.plannedOn());
        lines.add("Valmistunut / Completed at: " + change.completedAt());
        lines.add("");
        lines.add("Asiakirjoja ennen / Documents before: " + run.documentsBefore());
        lines.add("Asiakirjoja jälkeen / Documents after: " + run.documentsAfter());
        lines.add("Siirretty / Assigned: " + run.assigned() + " (" + run.swept() + " after the pause took effect)");
        lines.add("Tarkistettu otos / Samples read back byte-identical: " + run.samples());
        lines.add("Lokiketju eheä / Audit chain valid: " + (run.auditChainValid() ? "kyllä / yes" : "ei / no"));
        lines.add("");
        lines.addAll(participants);
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            try (PDPageContentStream text = new PDPageContentStream(document, page)) {
                text.beginText();
                text.setFont(BOLD, 14);
                text.newLineAtOffset(50, 790);
                text.showText("Rekisterinpitäjän muutos / Controller change");
                text.setFont(REGULAR, 10);
                for (String line : lines) {
                    text.newLineAtOffset(0, -16);
                    text.showText(printable(line));
                }
                text.endText();
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the standard font can show (WinAnsi): the report's values are OIDs, codes and the operators' words. */
    private static String printable(String line) {
        StringBuilder shown = new StringBuilder();
        for (char c : line.toCharArray()) {
            shown.append(c >= 32 && c <= 255 ? c : '?');
        }
        String s = shown.toString();
        return s.length() > 110 ? s.substring(0, 107) + "..." : s;
    }
}
