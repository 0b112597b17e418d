package fi.arkisto.store.access.extract;

import java.time.LocalDate;
import java.util.Map;

/**
 * Whether a document is a stage-1 document ("vaiheen 1 asiakirja"): archived into its register while the controller
 * used only the stage-1 functions (archiving, and retrieval for the controller's own use). Such documents are never
 * shown in MyKanta and are disclosed to another controller only on a broad search (kanta.fi, "Client data archive
 * for social welfare services", "Data contents"). The day each controller moved to stage 2 is the operator's record;
 * a controller without one has archived stage-2 documents only (this archive implements stage 2).
 */
public final class StageOneClassifier {

    private final Map<String, LocalDate> stageTwoStart;

    /** @param stageTwoStart per controller OID, the first day of its stage-2 use */
    public StageOneClassifier(Map<String, LocalDate> stageTwoStart) {
        this.stageTwoStart = Map.copyOf(stageTwoStart);
    }

    public boolean stageOne(String controller, LocalDate archivedOn) {
        LocalDate start = controller == null ? null : stageTwoStart.get(controller);
        return start != null && archivedOn.isBefore(start);
    }
}
