package fi.arkisto.store.identity;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Whether a display form's text identifies the client (test identity codes only, individual numbers 900-999). */
class ClientInTextTest {

    static final String HETU = "1.2.246.21";
    static final String TEMPORARY = "1.2.246.10.2012566.22.2026";

    @ParameterizedTest(name = "[{0}] {1}: shows={3} names={4}")
    @CsvSource(delimiter = '|', value = {
            // the real sample: masked code, the temporary id in full
            "Tietosuojatestaus, Kanta-Jade 200111*****  Tilapäinen yksilöintitunnus: 010111A998W|200111A904P|" + HETU + "|true|true",
            "Asiakas 200111A904P|200111A904P|" + HETU + "|true|true",
            "masked with its century sign 200111A****|200111A904P|" + HETU + "|true|true",
            // another century sign is another person
            "masked with another sign 200111B****|200111A904P|" + HETU + "|false|true",
            "another person in full 150377-912C|200111A904P|" + HETU + "|false|true",
            "another birth date masked 150377*****|200111A904P|" + HETU + "|false|true",
            "nobody at all, 12 apples, 2011-01-20|200111A904P|" + HETU + "|false|false",
            // an identity-looking string with a wrong check character identifies no one
            "150377-912D|200111A904P|" + HETU + "|false|false",
            // part of a longer token is no identity code
            "X200111A904P9 and 0200111*****|200111A904P|" + HETU + "|false|false",
            // a temporary identification shown as a word of its own
            "Tilapäinen tunnus: 010111A998W|010111A998W|" + TEMPORARY + "|true|true",
            "Tilapäinen tunnus: 010111A998WX|010111A998W|" + TEMPORARY + "|false|false",
    })
    void findsTheClientAndOthers(String text, String clientId, String root, boolean shows, boolean names) {
        ClientInText.Finding finding = ClientInText.find(text, clientId, root);

        assertThat(finding.showsClient()).isEqualTo(shows);
        assertThat(finding.namesSomeone()).isEqualTo(names);
    }
}
