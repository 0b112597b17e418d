package fi.arkisto.store.access;

import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.identity.Oid;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class AccessPolicyTest {

    private final AccessPolicy policy = new AccessPolicy();

    @ParameterizedTest(name = "{0} acting as {1} with purpose {2} on register {3}: {4}")
    @CsvSource(nullValues = "null", textBlock = """
            ARCHIVE, 1.2.246.10.32213561.10.0, 1, 1.2.246.10.32213561.10.0, true,  own register use
            READ,    1.2.246.10.32213561.10.0, 1, 1.2.246.10.32213561.10.0, true,  own register use
            LIST,    1.2.246.10.32213561.10.0, 1, 1.2.246.10.32213561.10.0, true,  own register use
            NULLIFY, 1.2.246.10.32213561.10.0, 1, 1.2.246.10.32213561.10.0, true,  own register use
            READ,    1.2.246.10.1234567.10.0,  1, 1.2.246.10.32213561.10.0, false, is not the controller
            ARCHIVE, 1.2.246.10.1234567.10.0,  1, 1.2.246.10.32213561.10.0, false, is not the controller
            NULLIFY, 1.2.246.10.1234567.10.0,  1, 1.2.246.10.32213561.10.0, false, is not the controller
            READ,    1.2.246.10.32213561.10,   1, 1.2.246.10.32213561.10.0, false, is not the controller
            READ,    1.2.246.10.32213561.10.0.1, 1, 1.2.246.10.32213561.10.0, false, is not the controller
            READ,    1.2.246.10.32213561.10.0, 2, 1.2.246.10.32213561.10.0, false, purpose of use '2' is not supported
            ARCHIVE, 1.2.246.10.32213561.10.0, 5, 1.2.246.10.32213561.10.0, false, purpose of use '5' is not supported
            LIST,    1.2.246.10.32213561.10.0, '', 1.2.246.10.32213561.10.0, false, purpose of use '' is not supported
            READ,    1.2.246.10.32213561.10.0, 1, null,                     false, controller is unknown
            READ,    1.2.246.10.32213561.10.0, 1, '',                       false, controller is unknown
            """)
    void decidesByControllerAndPurpose(AccessAction action, String organisation, String purpose, String controller,
                                       boolean permitted, String reason) {
        // given
        RequestContext context = new RequestContext(Oid.of(organisation), "user-1", purpose);

        // when
        AccessDecision decision = policy.decide(context, action, controller);

        // then
        assertThat(decision.permitted()).isEqualTo(permitted);
        assertThat(decision.reason()).contains(reason);
    }
}
