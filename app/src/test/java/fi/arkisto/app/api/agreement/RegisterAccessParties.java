package fi.arkisto.app.api.agreement;

import fi.arkisto.store.deploymenttest.TestRun;
import fi.arkisto.store.deploymenttest.TestRunLedger;
import fi.arkisto.store.deploymenttest.TestRunRegistration;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.organisation.ClientInformationSystem;
import fi.arkisto.store.organisation.FunctionState;
import fi.arkisto.store.organisation.FunctionUse;
import fi.arkisto.store.organisation.KantaFunction;
import fi.arkisto.store.organisation.Organisation;
import fi.arkisto.store.organisation.OrganisationRegistry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.concurrent.ThreadLocalRandom;

/** The parties of the register access tests as the registry must know them before a lifecycle or a test can start. */
final class RegisterAccessParties {

    private RegisterAccessParties() {
    }

    /** Registers {@code oid} with the register access right planned and a client system of its own; answers the OID. */
    static String joined(OrganisationRegistry registry, String oid) {
        Organisation organisation = registry.register("Organisaatio " + oid, null, Oid.of(oid));
        registry.setFunction(organisation.id(), new FunctionUse(KantaFunction.REGISTER_ACCESS_RIGHT, FunctionState.PLANNED,
                null));
        registry.addSystem(organisation.id(), system(oid));
        return oid;
    }

    /** Registers a register access right test of the organiser's system with the provider's as its partner. */
    static TestRun registerTest(OrganisationRegistry registry, TestRunLedger ledger, String organiser, String provider,
                                LocalDate start) {
        Organisation one = registry.findByOid(Oid.of(organiser)).orElseThrow();
        Organisation other = registry.findByOid(Oid.of(provider)).orElseThrow();
        return ledger.register(new TestRunRegistration(one.id(), EnumSet.of(KantaFunction.REGISTER_ACCESS_RIGHT),
                system(organiser), start, "lead-" + ThreadLocalRandom.current().nextInt(1000), other.id(),
                system(provider)), organiser, provider, Instant.now());
    }

    static ClientInformationSystem system(String oid) {
        return new ClientInformationSystem("Järjestelmä " + oid, "1.0", "Toimittaja");
    }
}
