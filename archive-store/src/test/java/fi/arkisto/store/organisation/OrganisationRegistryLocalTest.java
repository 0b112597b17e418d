package fi.arkisto.store.organisation;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrganisationRegistryLocalTest {

    private static TestDatabase database;
    private static OrganisationRegistry registry;

    @BeforeAll
    static void createDatabase() {
        database = TestDatabase.onLocalServer();
        database.migrateArchiveSchema();
        registry = new OrganisationRegistry(database.dataSource());
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void holdsTheThirtyEightOrganisationsKantaListsWithTheirArchiveStartDates() {
        // when the reference data is read
        List<Organisation> seeded = registry.findAll().stream().filter(o -> o.id().value() <= 38).toList();

        // then all 38 are there, names exactly as published, archiving in use from the published date, no identifiers
        assertThat(seeded).hasSize(38);
        assertThat(registry.find(new OrganisationId(1))).hasValueSatisfying(o -> {
            assertThat(o.name()).isEqualTo("Social- och hälsovårdsväsendet i Vasa");
            assertThat(o.function(KantaFunction.ARCHIVING)).contains(
                    new FunctionUse(KantaFunction.ARCHIVING, FunctionState.IN_USE, LocalDate.of(2018, 5, 2)));
        });
        assertThat(registry.find(new OrganisationId(12)).orElseThrow().name()).isEqualTo("Perusturvakuntayhtymä Akseli");
        assertThat(registry.find(new OrganisationId(38))).hasValueSatisfying(o -> {
            assertThat(o.name()).isEqualTo("Äänekosken perusturva");
            assertThat(o.function(KantaFunction.ARCHIVING).orElseThrow().startDate()).isEqualTo(LocalDate.of(2019, 12, 18));
        });
        assertThat(seeded).allSatisfy(o -> {
            assertThat(o.businessId()).isNull();
            assertThat(o.organisationOid()).isNull();
            assertThat(o.uses(KantaFunction.ARCHIVING, LocalDate.of(2020, 1, 1))).isTrue();
        });
        assertThat(seeded).extracting(o -> o.function(KantaFunction.ARCHIVING).orElseThrow().startDate())
                .contains(LocalDate.of(2019, 5, 10), LocalDate.of(2019, 11, 28));
    }

    @Test
    void registersAnOrganisationWithItsSystemsAndFunctions() {
        // given a new organisation
        String businessId = businessId();
        Oid oid = Oid.of("1.2.246.10." + businessId.replace("-", "") + ".10.0");
        Organisation created = registry.register("Testilän hyvinvointialue", businessId, oid);

        // when it records its system and a planned function, then the function comes into use
        registry.addSystem(created.id(), new ClientInformationSystem("Sosiaalitieto", "5.2", "Testitoimittaja Oy"));
        registry.setFunction(created.id(), new FunctionUse(KantaFunction.SHARING, FunctionState.PLANNED, null));
        registry.setFunction(created.id(), new FunctionUse(KantaFunction.SHARING, FunctionState.IN_USE,
                LocalDate.of(2026, 9, 1)));

        // then the registry shows it, found by id and by OID
        Organisation read = registry.findByOid(oid).orElseThrow();
        assertThat(read.id()).isEqualTo(created.id());
        assertThat(read.systems()).containsExactly(new ClientInformationSystem("Sosiaalitieto", "5.2", "Testitoimittaja Oy"));
        assertThat(read.uses(KantaFunction.SHARING, LocalDate.of(2026, 8, 31))).isFalse();
        assertThat(read.uses(KantaFunction.SHARING, LocalDate.of(2026, 9, 1))).isTrue();
        assertThat(registry.inUseSince(created.id(), KantaFunction.SHARING)).contains(LocalDate.of(2026, 9, 1));
    }

    @Test
    void completesIdentifiersButNeverChangesAKnownOne() {
        // given a seeded organisation without identifiers
        Organisation seeded = registry.register("Identifioimaton kuntayhtymä", null, null);
        String businessId = businessId();
        Oid oid = Oid.of("1.2.246.10." + businessId.replace("-", "") + ".10.0");

        // when its identifiers are completed
        Organisation identified = registry.identify(seeded.id(), businessId, oid);

        // then they are kept, and another OID is refused
        assertThat(identified.organisationOid()).isEqualTo(oid);
        assertThat(identified.businessId()).isEqualTo(businessId);
        assertThatThrownBy(() -> registry.identify(seeded.id(), null, Oid.of("1.2.246.10.1.10.0")))
                .isInstanceOfSatisfying(ArchiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ORGANISATION_CONFLICT));
    }

    @Test
    void refusesAMalformedBusinessIdAndAnUnknownOrganisation() {
        assertThatThrownBy(() -> registry.register("X", "1234567", null))
                .isInstanceOfSatisfying(ArchiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FIELD_VALUE));
        assertThatThrownBy(() -> registry.setFunction(new OrganisationId(Long.MAX_VALUE),
                new FunctionUse(KantaFunction.SHARING, FunctionState.PLANNED, null)))
                .isInstanceOfSatisfying(ArchiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ORGANISATION_NOT_FOUND));
    }

    @Test
    void aUnitBelongsToTheOrganisationOfItsBusinessIdUnlessTheRegistrySaysElse() {
        // given a unit OID of the usual form, and one the registry assigns to another organisation
        String businessId = businessId();
        Oid owner = Oid.of("1.2.246.10." + businessId.replace("-", "") + ".10.0");
        Organisation other = registry.register("Yksityinen palveluntuottaja Oy", businessId(), Oid.of("1.2.246.10."
                + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999) + ".10.0"));
        Oid reassigned = Oid.of(owner.value().replace(".10.0", ".10.77"));
        registry.assignUnit(reassigned, other.id());

        // then
        assertThat(registry.organisationOfUnit(Oid.of(owner.value().replace(".10.0", ".10.5")))).contains(owner);
        assertThat(registry.organisationOfUnit(reassigned)).contains(other.organisationOid());
        assertThat(registry.organisationOfUnit(Oid.of("1.2.246.537.6.1"))).isEmpty();
    }

    private static String businessId() {
        // a random, well-formed business id (the check digit is not verified by the registry)
        return ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999) + "-" + ThreadLocalRandom.current().nextInt(10);
    }
}
