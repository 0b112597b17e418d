package fi.arkisto.store.access.extract;

import java.time.LocalDate;
import java.util.List;

/**
 * One {@code sosiaalihuollon_palvelutehtava[].palveluntuottaja[]} entry of a client relationship document's
 * structured form, as written.
 *
 * @param serviceTask    {@code palvelutehtava.code} of the enclosing service task entry
 * @param unitOid        {@code palveluyksikon_nimi.code}: the provider unit's OID
 * @param socialServices {@code sosiaalipalvelu[].code}
 * @param start          {@code asiakkuuden_alkamispvm}
 * @param end            {@code asiakkuuden_paattymispvm}, or null
 */
public record ProviderEntry(String serviceTask, String unitOid, List<String> socialServices, LocalDate start,
                            LocalDate end) {

    public ProviderEntry {
        socialServices = List.copyOf(socialServices);
    }
}
