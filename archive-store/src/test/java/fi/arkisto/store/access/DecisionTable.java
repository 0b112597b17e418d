package fi.arkisto.store.access;

import fi.arkisto.store.access.decision.AccessBasis;
import fi.arkisto.store.access.decision.DenialReason;
import fi.arkisto.store.access.decision.Disclosure;
import fi.arkisto.store.access.decision.Relation;
import fi.arkisto.store.access.facts.ClientFacts;
import fi.arkisto.store.access.facts.DocumentFacts;
import fi.arkisto.store.access.facts.DocumentGroup;
import fi.arkisto.store.access.facts.RestrictionKind;
import fi.arkisto.store.access.mutualcase.CaseParty;
import fi.arkisto.store.access.mutualcase.MutualCase;
import fi.arkisto.store.access.registeraccess.DeploymentTestWindow;
import fi.arkisto.store.access.registeraccess.ProviderPeriod;
import fi.arkisto.store.access.registeraccess.RegisterAccess;
import fi.arkisto.store.access.registeraccess.RegisterAccessAgreement;
import fi.arkisto.store.access.request.AccessRequest;
import fi.arkisto.store.access.request.AssertedRights;
import fi.arkisto.store.access.request.RequestKind;
import fi.arkisto.store.access.sharing.ClientRelationship;
import fi.arkisto.store.access.sharing.Consent;
import fi.arkisto.store.access.sharing.DenialTarget;
import fi.arkisto.store.access.sharing.DisclosureDenial;
import fi.arkisto.store.identity.PersonalIdentityCode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the access decision table ({@code access/decision-table.md}): fixture lines (organisations, clients, mutual
 * cases, macros, configurations) and rows {@code | rule | request | document | client | expected |}. The legend at the
 * top of the file explains every token. A request whose kind lists alternatives ({@code READ/LIST}) stands for one row
 * per kind.
 */
final class DecisionTable {

    static final LocalDate DEFAULT_ON = LocalDate.of(2026, 9, 1);
    static final LocalDate DEFAULT_DOCUMENT_DATE = LocalDate.of(2026, 8, 1);

    /** One row of the table, expanded. */
    record Row(int line, String rule, AccessRequest request, DocumentFacts document, ClientFacts client,
               String config, Expected expected) {

        @Override
        public String toString() {
            return "line " + line + " [" + rule + "] " + request.kind();
        }
    }

    record Expected(boolean allowed, AccessBasis basis, Relation relation, Disclosure disclosure, DenialReason denial) {

        @Override
        public String toString() {
            return allowed ? "ALLOW " + basis + " " + relation + " " + disclosure : "DENY " + denial;
        }
    }

    private final Map<String, String> organisations = new HashMap<>();
    private final Map<String, String> clients = new HashMap<>();
    private final Map<String, String> macros = new HashMap<>();
    private final Map<String, List<String>> mutualCaseLines = new LinkedHashMap<>();
    final Map<String, AccessProperties> configs = new HashMap<>();
    final List<Row> rows = new ArrayList<>();

    static DecisionTable read(String resource) {
        try (InputStream in = DecisionTable.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test class path");
            }
            DecisionTable table = new DecisionTable();
            table.configs.put("DEFAULT", AccessProperties.defaults());
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                table.line(i + 1, lines[i].strip());
            }
            return table;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void line(int number, String line) {
        try {
            if (line.startsWith("organisation ")) {
                String[] p = definition(line, "organisation ");
                organisations.put(p[0], p[1]);
            } else if (line.startsWith("client ")) {
                String[] p = definition(line, "client ");
                if (!PersonalIdentityCode.isValid(p[1]) || !PersonalIdentityCode.of(p[1]).isTestCode()) {
                    throw new IllegalArgumentException("not a test identity code: " + p[1]);
                }
                clients.put(p[0], p[1]);
            } else if (line.startsWith("real-client ")) {
                String[] p = definition(line, "real-client ");
                if (!PersonalIdentityCode.isValid(p[1]) || PersonalIdentityCode.of(p[1]).isTestCode()) {
                    throw new IllegalArgumentException("not a real person's kind of identity code: " + p[1]);
                }
                clients.put(p[0], p[1]);
            } else if (line.startsWith("macro ")) {
                String[] p = definition(line, "macro ");
                macros.put(p[0], p[1]);
            } else if (line.startsWith("mutual-case ")) {
                String[] p = definition(line, "mutual-case ");
                mutualCaseLines.put(p[0], List.of(p[1].split(",")));
            } else if (line.startsWith("config ")) {
                String[] p = definition(line, "config ");
                configs.put(p[0], ConfigLine.parse(p[1]));
            } else if (line.startsWith("|") && !line.startsWith("| rule") && !line.startsWith("|---")
                    && !line.startsWith("| ---")) {
                row(number, line);
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("decision table line " + number + ": " + e.getMessage(), e);
        }
    }

    private static String[] definition(String line, String prefix) {
        String rest = line.substring(prefix.length());
        int colon = rest.indexOf(':');
        return new String[] {rest.substring(0, colon).strip(), rest.substring(colon + 1).strip()};
    }

    private void row(int number, String line) {
        String[] cells = line.substring(1, line.lastIndexOf('|')).split("\\|", -1);
        if (cells.length != 5) {
            throw new IllegalArgumentException("a row has 5 cells, this one " + cells.length);
        }
        String rule = cells[0].strip();
        List<String> request = tokens(cells[1]);
        List<String> document = tokens(cells[2]);
        List<String> client = tokens(cells[3]);
        Expected expected = expected(tokens(cells[4]));
        for (String kind : request.get(0).split("/")) {
            rows.add(build(number, rule, kind, request.subList(1, request.size()), document, client, expected));
        }
    }

    private List<String> tokens(String cell) {
        List<String> tokens = new ArrayList<>();
        for (String token : cell.strip().split("\\s+")) {
            if (token.isEmpty() || token.equals("-")) {
                continue;
            }
            String macro = macros.get(token);
            if (macro != null) {
                tokens.addAll(tokens(macro));
            } else {
                tokens.add(token);
            }
        }
        return tokens;
    }

    private Row build(int line, String rule, String kindToken, List<String> requestTokens, List<String> documentTokens,
                      List<String> clientTokens, Expected expected) {
        RequestKind kind = kind(kindToken);
        Map<String, String> r = keyValues(requestTokens);
        LocalDate on = r.containsKey("on") ? LocalDate.parse(r.get("on")) : DEFAULT_ON;
        String subject = r.containsKey("about") ? client(r.get("about")) : null;
        AccessRequest request;
        if (kind.professional()) {
            request = new AccessRequest(kind, r.containsKey("by") ? organisation(r.get("by")) : null, "ammattilainen-1",
                    subject, r.getOrDefault("ctx", "1"), r.get("just"),
                    new AssertedRights(r.containsKey("nd-right"), r.containsKey("statutory") ? "SHL 41 §" : null), on);
        } else {
            String citizen = client(r.getOrDefault("as", "C1"));
            request = new AccessRequest(kind, null, citizen, subject != null ? subject : citizen, r.get("ctx"), null,
                    AssertedRights.NONE, on);
        }
        DocumentFacts document = document(keyValues(documentTokens));
        String clientId = kind.professional()
                ? (subject != null ? subject : document.clientId())
                : request.citizenSubject();
        ClientFacts client = client(clientId, clientTokens);
        return new Row(line, rule, request, document, client, r.getOrDefault("cfg", "DEFAULT"), expected);
    }

    private DocumentFacts document(Map<String, String> d) {
        String controller = "none".equals(d.get("reg")) ? null : organisation(d.getOrDefault("reg", "O"));
        DocumentFacts.Builder b = DocumentFacts.builder()
                .documentOid(d.getOrDefault("oid", "D1"))
                .setId(d.getOrDefault("set", "S1"))
                .controller(controller)
                .originalCustodian(d.containsKey("orig") ? organisation(d.get("orig")) : controller)
                .clientId(client(d.getOrDefault("client", "C1")))
                .serviceTask(d.containsKey("task") ? nullable(d.get("task")) : "24")
                .group(group(d.getOrDefault("group", "OTHER")))
                .stageOne(d.containsKey("stage1"))
                .generalType(d.get("gtype"))
                .specificType(d.get("stype"))
                .authorOrganisation(d.containsKey("author") ? organisation(d.get("author")) : controller)
                .locationData(d.containsKey("loc"))
                .nonDisclosureDeclared(d.containsKey("nd-declared"))
                .minorDisclosureCode(d.get("minor"))
                .replacedArchivedBy(d.containsKey("over") ? organisation(d.get("over")) : null)
                .formerController(d.containsKey("former") ? organisation(d.get("former")) : null)
                .date(d.containsKey("date") ? LocalDate.parse(d.get("date")) : DEFAULT_DOCUMENT_DATE);
        if (d.containsKey("restrict")) {
            b.ownRestriction(restriction(d.get("restrict")));
        }
        if (d.containsKey("current")) {
            b.currentRestriction(restriction(d.get("current")));
        }
        if (d.containsKey("case")) {
            b.caseId(d.get("case")).mutualCase(mutualCase(d.get("case"), controller));
        }
        return b.build();
    }

    private MutualCase mutualCase(String alias, String organiser) {
        List<String> parties = mutualCaseLines.get(alias);
        if (parties == null) {
            throw new IllegalArgumentException("no mutual-case " + alias);
        }
        List<CaseParty> result = new ArrayList<>();
        for (String party : parties) {
            String[] p = party.strip().split("\\s+");
            boolean nonDisclosure = p[0].endsWith("*");
            LocalDate[] period = period(p[1]);
            result.add(new CaseParty(client(p[0].replace("*", "")), period[0], period[1], nonDisclosure));
        }
        return new MutualCase(alias, organiser, result);
    }

    private ClientFacts client(String clientId, List<String> tokens) {
        boolean nonDisclosure = false;
        LocalDate informed = null;
        LocalDate born = null;
        List<Consent> consents = new ArrayList<>();
        List<DisclosureDenial> denials = new ArrayList<>();
        List<ClientRelationship> relationships = new ArrayList<>();
        List<ProviderPeriod> periods = new ArrayList<>();
        List<RegisterAccessAgreement> agreements = new ArrayList<>();
        List<DeploymentTestWindow> tests = new ArrayList<>();
        List<String> guardians = new ArrayList<>();
        for (String token : tokens) {
            int eq = token.indexOf('=');
            String key = eq < 0 ? token : token.substring(0, eq);
            String value = eq < 0 ? null : token.substring(eq + 1);
            switch (key) {
                case "nd" -> nonDisclosure = true;
                case "informed" -> informed = value == null ? LocalDate.of(2026, 1, 1) : LocalDate.parse(value);
                case "born" -> born = LocalDate.parse(value);
                case "guardian" -> guardians.add(client(value));
                case "consent" -> {
                    Validity v = validity(value);
                    consents.add(new Consent(v.from, v.until, v.withdrawn));
                }
                case "deny" -> {
                    String[] p = value.split(":", 3);
                    DenialTarget target = switch (p[0]) {
                        case "doc" -> DenialTarget.DOCUMENT;
                        case "task" -> DenialTarget.SERVICE_TASK;
                        case "ctl" -> DenialTarget.CONTROLLER;
                        default -> throw new IllegalArgumentException("denial target " + p[0]);
                    };
                    String named = target == DenialTarget.CONTROLLER ? organisation(p[1]) : p[1];
                    Validity v = validity(p[2]);
                    denials.add(new DisclosureDenial(target, named, v.from, v.until, v.withdrawn));
                }
                case "rel" -> {
                    String[] p = value.split(":", 2);
                    LocalDate[] period = period(p[1]);
                    relationships.add(new ClientRelationship(organisation(p[0]), period[0], period[1]));
                }
                case "period" -> {
                    String[] p = value.split(":", 3);
                    String[] pair = p[0].split(">");
                    LocalDate[] period = period(p[2]);
                    periods.add(new ProviderPeriod(organisation(pair[0]), organisation(pair[1]), null, clientId,
                            p[1], List.of(), period[0], period[1]));
                }
                case "agree" -> {
                    String[] p = value.split(":", 2);
                    String[] pair = p[0].split(">");
                    String[] tasks = p[1].split("@", 2);
                    boolean extensive = tasks[0].endsWith("+ext");
                    LocalDate[] period = period(tasks[0].replace("+ext", ""));
                    agreements.add(new RegisterAccessAgreement(organisation(pair[0]), organisation(pair[1]), period[0],
                            period[1], extensive, tasks.length == 2 ? List.of(tasks[1].split(",")) : List.of()));
                }
                case "test" -> {
                    String[] p = value.split(":", 2);
                    String[] pair = p[0].split(">");
                    if (!p[1].equals("open") && !p[1].equals("closed")) {
                        throw new IllegalArgumentException("a test window is open or closed: " + p[1]);
                    }
                    tests.add(new DeploymentTestWindow(organisation(pair[0]), organisation(pair[1]), p[1].equals("open")));
                }
                default -> throw new IllegalArgumentException("unknown client token " + token);
            }
        }
        if (born == null && clientId != null && PersonalIdentityCode.isValid(clientId)) {
            born = PersonalIdentityCode.of(clientId).birthDate();
        }
        return new ClientFacts(clientId, born, nonDisclosure, informed, consents, denials, relationships,
                new RegisterAccess(periods, agreements, tests), guardians);
    }

    private record Validity(LocalDate from, LocalDate until, LocalDate withdrawn) {
    }

    /** {@code FROM..[UNTIL][!WITHDRAWN]} */
    private static Validity validity(String value) {
        String[] withdrawal = value.split("!", 2);
        LocalDate[] period = period(withdrawal[0]);
        return new Validity(period[0], period[1], withdrawal.length == 2 ? LocalDate.parse(withdrawal[1]) : null);
    }

    /** {@code FROM..[UNTIL]}, both days included. */
    static LocalDate[] period(String value) {
        int dots = value.indexOf("..");
        if (dots < 0) {
            throw new IllegalArgumentException("a period is FROM..[UNTIL]: " + value);
        }
        String until = value.substring(dots + 2);
        return new LocalDate[] {LocalDate.parse(value.substring(0, dots)),
                until.isEmpty() ? null : LocalDate.parse(until)};
    }

    private Expected expected(List<String> tokens) {
        if (tokens.get(0).equals("DENY")) {
            return new Expected(false, AccessBasis.NONE, null, Disclosure.NONE, DenialReason.valueOf(tokens.get(1)));
        }
        if (!tokens.get(0).equals("ALLOW") || tokens.size() != 4) {
            throw new IllegalArgumentException("expected is DENY <reason> or ALLOW <basis> <relation> <disclosure>");
        }
        return new Expected(true, AccessBasis.valueOf(tokens.get(1)), Relation.valueOf(tokens.get(2)),
                Disclosure.valueOf(tokens.get(3)), null);
    }

    private static Map<String, String> keyValues(List<String> tokens) {
        Map<String, String> values = new HashMap<>();
        for (String token : tokens) {
            int eq = token.indexOf('=');
            if (eq < 0) {
                values.put(token, "");
            } else {
                values.put(token.substring(0, eq), token.substring(eq + 1));
            }
        }
        return values;
    }

    private static RequestKind kind(String token) {
        return switch (token) {
            case "READ" -> RequestKind.PROFESSIONAL_READ;
            case "LIST" -> RequestKind.PROFESSIONAL_LIST;
            case "SEARCH" -> RequestKind.PROFESSIONAL_SEARCH;
            case "ARCHIVE" -> RequestKind.PROFESSIONAL_ARCHIVE;
            case "NULLIFY" -> RequestKind.PROFESSIONAL_NULLIFY;
            case "CREAD" -> RequestKind.CITIZEN_READ;
            case "CLIST" -> RequestKind.CITIZEN_LIST;
            default -> throw new IllegalArgumentException("unknown request kind " + token);
        };
    }

    private static DocumentGroup group(String token) {
        return switch (token) {
            case "CR" -> DocumentGroup.CLIENT_RELATIONSHIP;
            case "CASE" -> DocumentGroup.CASE;
            case "OTHER" -> DocumentGroup.OTHER;
            case "OLD" -> DocumentGroup.OLD;
            case "UNKNOWN" -> DocumentGroup.UNKNOWN;
            default -> throw new IllegalArgumentException("unknown group " + token);
        };
    }

    private static RestrictionKind restriction(String token) {
        return switch (token) {
            case "none" -> RestrictionKind.NONE;
            case "inaccessible" -> RestrictionKind.INACCESSIBLE;
            case "authorization" -> RestrictionKind.AUTHORIZATION_RESTRICTION;
            default -> throw new IllegalArgumentException("unknown restriction " + token);
        };
    }

    private static String nullable(String value) {
        return value.equals("none") ? null : value;
    }

    private String organisation(String alias) {
        String oid = organisations.get(alias);
        if (oid == null) {
            throw new IllegalArgumentException("no organisation " + alias);
        }
        return oid;
    }

    private String client(String alias) {
        String id = clients.get(alias);
        if (id == null) {
            throw new IllegalArgumentException("no client " + alias);
        }
        return id;
    }

    /** {@code config NAME: key=value ...} lines: the keys are those of {@code arkisto.access.*} the table needs. */
    static final class ConfigLine {

        static AccessProperties parse(String line) {
            AccessProperties d = AccessProperties.defaults();
            Map<String, Set<String>> hidden = new HashMap<>();
            Boolean beforeStart = null;
            Boolean wholeCase = null;
            Integer guardianAge = null;
            for (String token : line.split("\\s+")) {
                String[] kv = token.split("=", 2);
                switch (kv[0]) {
                    case "documents-before-start" -> beforeStart = Boolean.valueOf(kv[1]);
                    case "professionals-see-whole-case" -> wholeCase = Boolean.valueOf(kv[1]);
                    case "guardian-assume-allowed-below-age" -> guardianAge = Integer.valueOf(kv[1]);
                    default -> hidden.put(kv[0], Set.of(kv[1].split(",")));
                }
            }
            return new AccessProperties(d.useContexts(), d.broadSearch(),
                    new AccessProperties.RegisterAccessRules(null, null, beforeStart),
                    new AccessProperties.MutualCaseRules(wholeCase),
                    new AccessProperties.CitizenView(hiddenDocuments("shelter", hidden, d.citizen().shelterServices()),
                            hiddenDocuments("violence", hidden, d.citizen().intimatePartnerViolence()),
                            hiddenDocuments("payment", hidden, d.citizen().paymentCommitments())),
                    new AccessProperties.Guardian(null, guardianAge), d.nonDisclosure(), d.stageTwo());
        }

        private static AccessProperties.HiddenDocuments hiddenDocuments(String category, Map<String, Set<String>> hidden,
                                                                         AccessProperties.HiddenDocuments defaults) {
            return new AccessProperties.HiddenDocuments(
                    hidden.getOrDefault(category + ".controllers", defaults.controllers()),
                    hidden.getOrDefault(category + ".service-tasks", defaults.serviceTasks()),
                    hidden.getOrDefault(category + ".general-types", defaults.generalTypes()),
                    hidden.getOrDefault(category + ".specific-types", defaults.specificTypes()));
        }
    }
}
