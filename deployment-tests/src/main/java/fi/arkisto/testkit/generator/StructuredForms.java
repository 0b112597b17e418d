package fi.arkisto.testkit.generator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * Writes the JSON structured form of a document: the client relationship document exactly in the shape of the real
 * sample's structure, the synthetic case and client report structures in the same style (Finnish snake_case keys,
 * coded values as {@code {system, code, display}}, identifiers as {@code {system, value}}).
 */
final class StructuredForms {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StructuredForms() {
    }

    static byte[] write(DocumentSpec spec) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode body = root.putObject(spec.type().jsonRoot);
        switch (spec.type()) {
            case CLIENT_RELATIONSHIP -> clientRelationship(spec, body);
            case DECISION -> {
                common(spec, body);
                body.put("paatoksen_sisalto", spec.paragraphs().get(0));
                body.put("perustelut", spec.paragraphs().size() > 1 ? spec.paragraphs().get(1) : spec.paragraphs().get(0));
                body.put("paatoksen_voimaantulopvm", spec.effectiveTime().toLocalDate().toString());
                body.put("muutoksenhakuohje", "Päätökseen saa hakea muutosta oikaisuvaatimuksella 30 päivän kuluessa.");
            }
            case STATEMENT -> {
                common(spec, body);
                body.put("lausunnon_saaja", "Käräjäoikeus");
                body.put("lausunnon_sisalto", String.join(" ", spec.paragraphs()));
            }
            case PLAN -> {
                common(spec, body);
                ArrayNode goals = body.putArray("tavoitteet");
                spec.paragraphs().forEach(goals::add);
                ArrayNode actions = body.putArray("toimenpiteet");
                ObjectNode action = actions.addObject();
                action.put("kuvaus", "Säännölliset tapaamiset sosiaalityöntekijän kanssa");
                action.put("vastuuhenkilo", spec.professionalName());
                body.put("arviointipvm", spec.effectiveTime().toLocalDate().plusMonths(6).toString());
            }
            case CLIENT_REPORT -> {
                common(spec, body);
                ArrayNode entries = body.putArray("kirjaukset");
                LocalDate day = spec.effectiveTime().toLocalDate();
                for (String paragraph : spec.paragraphs()) {
                    ObjectNode entry = entries.addObject();
                    entry.put("pvm", day.toString());
                    entry.put("teksti", paragraph);
                }
            }
            case MUTUAL_CASE_TOPIC -> {
                common(spec, body);
                ArrayNode parties = body.putArray("asianosaiset");
                for (DocumentSpec.PartySpec party : spec.parties()) {
                    ObjectNode entry = parties.addObject();
                    entry.put("sukunimi", party.person().family());
                    entry.put("etunimet", party.person().given());
                    identifier(entry.putObject("henkilotunnus"), "1.2.246.21", party.person().identityCode());
                    entry.put("alkamispvm", party.start().toString());
                    if (party.end() != null) {
                        entry.put("paattymispvm", party.end().toString());
                    }
                }
            }
            case OLD_DOCUMENT -> throw new IllegalArgumentException("old documents are unstructured");
        }
        try {
            return JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void clientRelationship(DocumentSpec spec, ObjectNode body) {
        identifier(body.putObject("asiakkuuden_yksilointitunnus"), "urn:oid:1.2.246.1", spec.clientRelationshipId());
        ObjectNode client = body.putObject("asiakas");
        client.put("sukunimi", spec.client().family());
        client.put("etunimet", spec.client().given());
        identifier(client.putObject("henkilotunnus"), "1.2.246.21", spec.client().identityCode());
        client.put("syntymaaika", spec.client().birthDate().toString());
        coded(client.putObject("sukupuoli"), "urn:oid:1.2.246.537.5.1.1997", spec.client().genderCode(),
                spec.client().genderDisplay());
        SyntheticPopulation.Municipality municipality = spec.client().municipality();
        coded(client.putObject("kotikunta").putObject("kunta"), "urn:oid:" + SyntheticPopulation.MUNICIPALITY_CODE_SYSTEM,
                municipality.code(), municipality.code() + " " + municipality.name());
        client.put("turvakielto", spec.nonDisclosure());
        client.put("elaa_avoliitossa", false);
        body.putObject("sosiaalihuollon_asiakkuus").put("asiakkuuden_alkamispvm", spec.relationshipStart().toString());
        coded(body.putObject("palvelunjarjestajan_toimintayksikko"), "urn:oid:1.2.246.537.6.202.2008",
                spec.organisationOid(), spec.organisationName());
        ObjectNode task = body.putArray("sosiaalihuollon_palvelutehtava").addObject();
        coded(task.putObject("palvelutehtava"), "urn:oid:" + GeneratorCodes.SERVICE_TASK_SYSTEM,
                spec.serviceTask().code(), spec.serviceTask().display());
        ObjectNode unit = task.putArray("palvelunjarjestajan_palveluyksikko").addObject();
        unitDetails(spec, unit, spec.serviceUnitOid(), spec.serviceUnitName(), spec.relationshipStart(), null);
        ArrayNode providers = task.putArray("palveluntuottaja");
        for (DocumentSpec.ProviderSpec entry : spec.providers()) {
            ObjectNode provider = providers.addObject();
            coded(provider.putArray("sosiaalipalvelu").addObject(), "urn:oid:1.2.246.537.6.1222.201601",
                    spec.serviceTask().socialService(), spec.serviceTask().socialServiceDisplay());
            unitDetails(spec, provider, entry.unitOid(), entry.unitName(), entry.start(), entry.end());
        }
    }

    /** A service unit with the client relationship there; its contact details are the unit's, not the client's. */
    private static void unitDetails(DocumentSpec spec, ObjectNode unit, String unitOid, String unitName,
                                    LocalDate start, LocalDate end) {
        coded(unit.putObject("palveluyksikon_nimi"), "urn:oid:1.2.246.537.6.202.2008", unitOid, unitName);
        unit.put("asiakkuuden_alkamispvm", start.toString());
        if (end != null) {
            unit.put("asiakkuuden_paattymispvm", end.toString());
        }
        ObjectNode contact = unit.putObject("yhteystiedot");
        ObjectNode address = contact.putArray("osoite").addObject();
        address.put("lahiosoite", "Palvelutie 1");
        address.put("postinumero", "00100");
        address.put("postitoimipaikka", spec.client().municipality().name());
        contact.put("puhelinnumero", "09 123 4567");
    }

    private static void common(DocumentSpec spec, ObjectNode body) {
        ObjectNode client = body.putObject("asiakas");
        client.put("sukunimi", spec.client().family());
        client.put("etunimet", spec.client().given());
        identifier(client.putObject("henkilotunnus"), "1.2.246.21", spec.client().identityCode());
        client.put("syntymaaika", spec.client().birthDate().toString());
        if (spec.locationData()) {
            SyntheticPopulation.Municipality municipality = spec.client().municipality();
            coded(client.putObject("kotikunta").putObject("kunta"), "urn:oid:"
                    + SyntheticPopulation.MUNICIPALITY_CODE_SYSTEM, municipality.code(),
                    municipality.code() + " " + municipality.name());
        }
        if (spec.caseId() != null) {
            ObjectNode matter = body.putObject("asia");
            identifier(matter.putObject("asiatunnus"), "urn:oid:1.2.246.1", spec.caseId());
            matter.put("asian_nimi", spec.caseTitle());
            matter.put("asian_avaamispvm", spec.caseOpened().toString());
        }
        coded(body.putObject("palvelutehtava"), "urn:oid:" + GeneratorCodes.SERVICE_TASK_SYSTEM,
                spec.serviceTask().code(), spec.serviceTask().display());
        ObjectNode author = body.putObject("laatija");
        author.put("nimi", spec.professionalName());
        author.put("ammattinimike", "sosiaalityöntekijä");
        body.put("laatimispvm", spec.effectiveTime().toLocalDate().toString());
    }

    private static void identifier(ObjectNode node, String system, String value) {
        node.put("system", system);
        node.put("value", value);
    }

    private static void coded(ObjectNode node, String system, String code, String display) {
        node.put("system", system);
        node.put("code", code);
        node.put("display", display);
    }
}
