package fi.arkisto.testkit.deployment;

import fi.arkisto.store.identity.PersonalIdentityCode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestIdentityPoolTest {

    @Test
    void holdsOneValidTestCodePerIndividualNumber900To999() {
        assertThat(TestIdentityPool.all()).hasSize(100).doesNotHaveDuplicates()
                .allSatisfy(code -> assertThat(PersonalIdentityCode.of(code).isTestCode()).isTrue());
    }

    @Test
    void handsOutTheSameCodesForTheSameSeedAndLetsTestsShareCodes() {
        assertThat(TestIdentityPool.handOut(5, 1)).hasSize(5).doesNotHaveDuplicates()
                .isEqualTo(TestIdentityPool.handOut(5, 1));
        assertThat(TestIdentityPool.handOut(100, 2)).containsExactlyInAnyOrderElementsOf(TestIdentityPool.all());
        assertThatThrownBy(() -> TestIdentityPool.handOut(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
