package fi.arkisto.workflows.registeraccess;

import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.organisation.ClientInformationSystem;
import fi.arkisto.store.organisation.KantaFunction;
import fi.arkisto.store.organisation.Organisation;
import fi.arkisto.store.organisation.OrganisationRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the registry must show before the register access right is enabled between two organisations. kanta.fi,
 * "Register access right of social welfare services": it "can be used when both the service provider and the service
 * organiser have joined" and the function is implemented on their client information systems. Each party: joined (in
 * the registry, with its OID), the function registered there (any state: its own deployment test puts it in use, and
 * a provider's state is never changed by the organiser's test), and one client information system, the one the
 * combination is judged by (named when the registry lists several).
 *
 * @param missing bilingual lines, one per missing item; empty when every prerequisite is met
 */
record Prerequisites(List<String> missing, Organisation organiser, Organisation provider,
                     ClientInformationSystem organiserSystem, ClientInformationSystem providerSystem) {

    /** A named system: product and version, either null when none is named. */
    record NamedSystem(String product, String version) {
    }

    boolean met() {
        return missing.isEmpty();
    }

    static Prerequisites check(OrganisationRegistry registry, Oid organiserOid, NamedSystem organiserNamed,
                               Oid providerOid, NamedSystem providerNamed) {
        List<String> missing = new ArrayList<>();
        Organisation organiser = party(registry, organiserOid, "Järjestäjä", "The organiser", missing);
        Organisation provider = party(registry, providerOid, "Tuottaja", "The provider", missing);
        ClientInformationSystem organiserSystem = organiser == null ? null
                : system(organiser, organiserNamed, "Järjestäjän", "The organiser's", missing);
        ClientInformationSystem providerSystem = provider == null ? null
                : system(provider, providerNamed, "Tuottajan", "The provider's", missing);
        return new Prerequisites(List.copyOf(missing), organiser, provider, organiserSystem, providerSystem);
    }

    private static Organisation party(OrganisationRegistry registry, Oid oid, String fi, String en, List<String> missing) {
        Optional<Organisation> found = registry.findByOid(oid);
        if (found.isEmpty()) {
            missing.add(fi + " " + oid + " ei ole liittynyt arkistoon (ei rekisterissä) / " + en + " " + oid
                    + " has not joined the archive (not in the registry)");
            return null;
        }
        Organisation organisation = found.get();
        if (organisation.function(KantaFunction.REGISTER_ACCESS_RIGHT).isEmpty()) {
            missing.add(fi + " " + organisation.name() + " ei ole ottanut rekisterinkäyttöoikeutta käyttöön rekisterissä / "
                    + en + " " + organisation.name() + " has not enabled the register access right in the registry");
        }
        return organisation;
    }

    private static ClientInformationSystem system(Organisation organisation, NamedSystem named, String fi, String en,
                                                  List<String> missing) {
        List<ClientInformationSystem> systems = organisation.systems();
        if (named != null && named.product() != null) {
            Optional<ClientInformationSystem> match = systems.stream().filter(s -> s.product().equals(named.product())
                    && (named.version() == null || s.version().equals(named.version()))).findFirst();
            if (match.isEmpty()) {
                missing.add(fi + " asiakastietojärjestelmää " + named.product() + " " + named.version()
                        + " ei ole rekisterissä / " + en + " client information system " + named.product() + " "
                        + named.version() + " is not in the registry");
            }
            return match.orElse(null);
        }
        if (systems.size() == 1) {
            return systems.get(0);
        }
        if (systems.isEmpty()) {
            missing.add(fi + " asiakastietojärjestelmää ei ole rekisterissä / " + en
                    + " client information system is not in the registry");
        } else {
            missing.add(fi + " asiakastietojärjestelmiä on rekisterissä useita: nimeä käytettävä / " + en
                    + " client information systems in the registry are several: name the one used ("
                    + String.join(", ", systems.stream().map(ClientInformationSystem::key).toList()) + ")");
        }
        return null;
    }
}
