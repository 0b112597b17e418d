package fi.arkisto.store.access.extract;

import fi.arkisto.store.access.registeraccess.ProviderPeriod;
import fi.arkisto.store.access.registeraccess.UnitOrganisation;
import fi.arkisto.store.access.sharing.ClientRelationship;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The access facts in one version of a client relationship document (asiakkuusasiakirja, structure
 * 1.2.246.537.6.1505.1.2023.6.1).
 *
 * @param clientId          {@code asiakas.henkilotunnus.value} (or the temporary identifier when there is none)
 * @param nonDisclosure     {@code asiakas.turvakielto}
 * @param relationshipStart {@code sosiaalihuollon_asiakkuus.asiakkuuden_alkamispvm}
 * @param relationshipEnd   {@code sosiaalihuollon_asiakkuus.asiakkuuden_paattymispvm}, or null
 * @param organiserUnit     {@code palvelunjarjestajan_toimintayksikko.code}
 * @param providers         every {@code palveluntuottaja} entry
 */
public record ClientRelationshipContent(String clientId, boolean nonDisclosure, LocalDate relationshipStart,
                                        LocalDate relationshipEnd, String organiserUnit,
                                        List<ProviderEntry> providers) {

    public ClientRelationshipContent {
        providers = List.copyOf(providers);
    }

    /** The organiser's own client relationship with the client. */
    public ClientRelationship clientRelationship(String organiser) {
        return new ClientRelationship(organiser, relationshipStart, relationshipEnd);
    }

    /** The provider periods this document names, each provider unit resolved to its organisation. */
    public List<ProviderPeriod> providerPeriods(String organiser, UnitOrganisation units) {
        List<ProviderPeriod> periods = new ArrayList<>(providers.size());
        for (ProviderEntry entry : providers) {
            periods.add(new ProviderPeriod(organiser, units.organisationOf(entry.unitOid()), entry.unitOid(), clientId,
                    entry.serviceTask(), entry.socialServices(), entry.start(), entry.end()));
        }
        return periods;
    }
}
