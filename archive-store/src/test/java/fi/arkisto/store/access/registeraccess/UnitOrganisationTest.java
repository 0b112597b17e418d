package fi.arkisto.store.access.registeraccess;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UnitOrganisationTest {

    @ParameterizedTest(name = "{0} belongs to {1}")
    @CsvSource(nullValues = "null", textBlock = """
            1.2.246.10.1246109.10.2001213, 1.2.246.10.1246109.10.0
            1.2.246.10.32213561.10.0,      1.2.246.10.32213561.10.0
            1.2.246.10.32213561.10.7,      1.2.246.10.32213561.10.0
            1.2.246.10.32213561.11.7,      null
            1.2.246.10.32213561.10,        null
            1.2.246.10.32213561.10.,       null
            1.2.246.10.32213561.10.0.1,    null
            1.2.246.10.ABC.10.1,           null
            1.2.246.10..10.1,              null
            1.2.246.537.6.202.2008,        null
            '',                            null
            null,                          null
            """)
    void aUnitBelongsToTheOrganisationOfItsBusinessIdByTheOidRule(String unit, String organisation) {
        assertThat(UnitOrganisation.byRule().organisationOf(unit)).isEqualTo(organisation);
    }

    @ParameterizedTest(name = "{0} belongs to {1} by the register")
    @CsvSource(textBlock = """
            1.2.246.10.1246109.10.2001213, 1.2.246.10.32213561.10.0
            1.2.246.537.99.1,              1.2.246.10.32213561.10.0
            """)
    void theOrganisationRegisterWinsOverTheRule(String unit, String organisation) {
        // given the register's answer for the real sample's unit, moved to the wellbeing services county
        UnitOrganisation units = UnitOrganisation.withRegistry(Map.of(
                "1.2.246.10.1246109.10.2001213", "1.2.246.10.32213561.10.0",
                "1.2.246.537.99.1", "1.2.246.10.32213561.10.0"));

        // when / then
        assertThat(units.organisationOf(unit)).isEqualTo(organisation);
        assertThat(units.organisationOf("1.2.246.10.1246109.10.5")).isEqualTo("1.2.246.10.1246109.10.0");
    }
}
