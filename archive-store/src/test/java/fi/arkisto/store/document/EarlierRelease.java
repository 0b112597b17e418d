package fi.arkisto.store.document;

import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.cda.CdaParser;
import fi.arkisto.store.cda.ParsedDocument;
import fi.arkisto.store.object.ContentHash;
import fi.arkisto.store.object.ObjectStore;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.sql.DataSource;

/**
 * A document as an earlier release of the archive would have stored it, before checks it does not pass existed: the
 * bytes in the object store and its metadata row, as archiving writes them, without the archiving-stage checks.
 * For tests of what the read path serves whatever the archive holds (it must stay inert in any browser). Like a
 * release before V11, it records no access facts: {@link AccessFactsBackfill} reads them.
 */
public final class EarlierRelease {

    private EarlierRelease() {
    }

    public static ArchivedDocument archived(byte[] cda, RequestContext context, ObjectStore objects, DataSource dataSource) {
        ParsedDocument parsed = new CdaParser().readArchived(cda);
        String sha256 = ContentHash.sha256Hex(cda);
        String key = ObjectStore.documentKey(sha256);
        objects.put(key, cda, sha256);
        NewVersion version = new NewVersion(parsed.metadata(), sha256, cda.length, key,
                Instant.now().truncatedTo(ChronoUnit.MICROS), context, List.of(), List.of(), null, null);
        new DocumentRepository(dataSource).insertIfAbsent(List.of(version));
        return version.toArchived();
    }
}
