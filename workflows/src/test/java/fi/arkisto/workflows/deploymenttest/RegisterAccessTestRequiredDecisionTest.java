package fi.arkisto.workflows.deploymenttest;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.InputStream;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** bpmn/register-access-test-required.dmn, by its own table. */
class RegisterAccessTestRequiredDecisionTest {

    private static final DmnEngine DMN = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

    @ParameterizedTest(name = "register access right {0}, combination tested before {1}: {2}")
    @CsvSource({
            "true,  false, REQUIRED",
            "true,  true,  RECOMMENDED",
            "false, false, REQUIRED",
            "false, true,  REQUIRED"})
    void decidesWhetherTheDeploymentTestIsRequired(boolean registerAccessRight, boolean testedBefore, String expected)
            throws Exception {
        try (InputStream model = getClass().getResourceAsStream("/bpmn/register-access-test-required.dmn")) {
            DmnDecision decision = DMN.parseDecision("registerAccessTestRequired", model);
            String requirement = DMN.evaluateDecisionTable(decision, Map.of("includesRegisterAccessRight", registerAccessRight,
                    "combinationPreviouslyTested", testedBefore)).getSingleEntry();
            assertThat(requirement).isEqualTo(expected);
        }
    }
}
