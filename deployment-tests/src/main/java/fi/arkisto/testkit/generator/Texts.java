package fi.arkisto.testkit.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static fi.arkisto.testkit.generator.SyntheticPopulation.pick;

/** Finnish free text for the documents: plausible social work phrasing, no real persons or events. */
final class Texts {

    private static final List<String> CASE_TITLES = List.of(
            "Palvelutarpeen arviointi", "Toimeentulotuen hakemus", "Tukihenkilön järjestäminen",
            "Perhetyön järjestäminen", "Kotipalvelun järjestäminen", "Omaishoidon tuki", "Kuljetuspalvelu",
            "Asumispalvelun tarve", "Lastensuojeluilmoituksen käsittely", "Välitystilin järjestäminen");

    private static final List<String> DECISION = List.of(
            "Asiakkaalle myönnetään haettu palvelu ajalle, joka on kirjattu asiakassuunnitelmaan.",
            "Palvelu myönnetään kaksi kertaa viikossa toteutettavana kotikäyntinä.",
            "Hakemus hylätään, koska myöntämisen edellytykset eivät täyty.",
            "Päätös perustuu sosiaalihuoltolain säännöksiin ja hyvinvointialueen myöntämisperusteisiin.",
            "Asiakkaan tilanne arvioidaan uudelleen kuuden kuukauden kuluttua.");

    private static final List<String> STATEMENT = List.of(
            "Sosiaalihuollon näkemyksen mukaan asiakkaan tuen tarve on pitkäaikainen.",
            "Perheen arki on viime kuukausina vakiintunut ja yhteistyö on sujunut hyvin.",
            "Lausunto on laadittu asiakkaan suostumuksella ja hänen kanssaan käydyn keskustelun pohjalta.",
            "Asiakkaan etu edellyttää, että nykyiset tukitoimet jatkuvat ennallaan.");

    private static final List<String> PLAN = List.of(
            "Asiakas saa tarvitsemansa tuen arjen toimintoihin.",
            "Perheen vuorovaikutus vahvistuu ja vanhempien jaksaminen paranee.",
            "Asiakkaan taloudellinen tilanne selvitetään ja velkaneuvonta käynnistetään.",
            "Asiakas osallistuu viikoittain kuntouttavaan työtoimintaan.",
            "Koulunkäynti sujuu ja poissaolot vähenevät.");

    private static final List<String> REPORT = List.of(
            "Asiakas asioi toimistolla ja kertoi tilanteestaan.",
            "Puhelinkeskustelu asiakkaan kanssa; sovittiin seuraava tapaaminen.",
            "Kotikäynti tehty yhdessä perhetyöntekijän kanssa. Asunto siisti, arki sujuu.",
            "Asiakas toimitti pyydetyt liitteet. Hakemus on nyt käsittelyvalmis.",
            "Verkostopalaveri koulun ja terveydenhuollon kanssa. Työnjako sovittu.",
            "Asiakas ei saapunut sovittuun tapaamiseen; uusi aika lähetetty kirjeitse.");

    private static final List<String> OLD = List.of(
            "Vanhasta asiakastietojärjestelmästä siirretty asiakaskertomusmerkintä.",
            "Arkistoitu paperiasiakirjasta digitoitu merkintä.",
            "Asiakkuuden aikaisempi vaihe on kirjattu tiivistettynä.");

    private static final List<String> REASONS = List.of(
            "Korjattu kirjoitusvirhe", "Täydennetty puuttuva tieto", "Korjattu virheellinen päivämäärä",
            "Asiakkaan pyytämä tietojen korjaus");

    private Texts() {
    }

    static List<String> paragraphs(SplittableRandom random, GeneratorCodes.DocumentType type) {
        List<String> pool = switch (type) {
            case DECISION -> DECISION;
            case STATEMENT -> STATEMENT;
            case PLAN -> PLAN;
            case CLIENT_REPORT -> REPORT;
            case OLD_DOCUMENT -> OLD;
            case CLIENT_RELATIONSHIP -> List.of("Asiakkuus alkanut.");
            case MUTUAL_CASE_TOPIC -> List.of("Asia koskee useaa perheenjäsentä; asianosaiset on lueteltu.");
        };
        int n = 1 + random.nextInt(3);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(pick(random, pool));
        }
        return out;
    }

    static String caseTitle(SplittableRandom random, GeneratorCodes.ServiceTask task) {
        return pick(random, CASE_TITLES) + " (" + task.display().toLowerCase() + ")";
    }

    /** The reason of a client relationship document's replacement that ends a provider's service. */
    static String providerEnded(SplittableRandom random) {
        return pick(random, List.of("Palvelu päättyi", "Palveluntuottaja vaihtui", "Asiakkuus palveluyksikössä päättyi"));
    }

    /** The reason of a topic document's replacement when a party joins or leaves the mutual case. */
    static String partiesChanged(boolean joined) {
        return joined ? "Asianosainen lisätty" : "Asianosaisen osallisuus päättyi";
    }

    static String reasonOfCorrection(SplittableRandom random) {
        return pick(random, REASONS);
    }

    static String correctionNote(SplittableRandom random) {
        return "Korjaus: " + pick(random, REASONS).toLowerCase() + ".";
    }
}
