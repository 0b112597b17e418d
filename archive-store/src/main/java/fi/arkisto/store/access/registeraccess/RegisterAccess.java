package fi.arkisto.store.access.registeraccess;

import fi.arkisto.store.identity.PersonalIdentityCode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The register access facts of one client: the provider periods named by organisers' client relationship documents
 * (their current versions) and the agreements between those organisers and providers. A provider's right is in
 * effect while a period for the client and service task contains the day and the agreement is in effect (kanta.fi,
 * "Register access right of social welfare services": "when the client's service ends, the service organiser will
 * update the relevant information in the client relationship documentation. At this time, the service provider's
 * right to use the organiser's register will end"). Before the agreement, the open window of the two's register
 * access right deployment test stands in for it for a client with a test identity code ({@link DeploymentTestWindow}).
 *
 * <p>The checks walk small lists by index and never allocate: they run once per document of a client list.
 */
public final class RegisterAccess {

    public static final RegisterAccess NONE = new RegisterAccess(List.of(), List.of());

    private final List<ProviderPeriod> periods;
    private final List<RegisterAccessAgreement> agreements;
    private final List<DeploymentTestWindow> tests;

    public RegisterAccess(List<ProviderPeriod> periods, List<RegisterAccessAgreement> agreements) {
        this(periods, agreements, List.of());
    }

    /** @param tests the register access right deployment tests under way between those organisers and providers */
    public RegisterAccess(List<ProviderPeriod> periods, List<RegisterAccessAgreement> agreements,
                          List<DeploymentTestWindow> tests) {
        this.periods = List.copyOf(periods);
        this.agreements = List.copyOf(agreements);
        this.tests = List.copyOf(tests);
    }

    public List<ProviderPeriod> periods() {
        return periods;
    }

    public List<RegisterAccessAgreement> agreements() {
        return agreements;
    }

    public List<DeploymentTestWindow> tests() {
        return tests;
    }

    /**
     * The register access right deployment test under way between the organiser and the provider: one whose window is
     * open when there is one, else another, else null.
     */
    public DeploymentTestWindow test(String organiser, String provider) {
        if (organiser == null || provider == null) {
            return null;
        }
        DeploymentTestWindow found = null;
        for (int i = 0; i < tests.size(); i++) {
            DeploymentTestWindow test = tests.get(i);
            if (test.between(organiser, provider) && (found == null || test.windowOpen())) {
                found = test;
            }
        }
        return found;
    }

    /** The provider's right over the organiser's register for this service task on the day. */
    public RightStatus status(String organiser, String provider, String serviceTask, LocalDate day) {
        if (organiser == null || provider == null) {
            return RightStatus.NO_PROVIDER_PERIOD;
        }
        boolean anyForProvider = false;
        boolean current = false;
        boolean future = false;
        boolean past = false;
        for (int i = 0; i < periods.size(); i++) {
            ProviderPeriod period = periods.get(i);
            if (!period.between(organiser, provider)) {
                continue;
            }
            anyForProvider = true;
            if (serviceTask == null || !serviceTask.equals(period.serviceTask())) {
                continue;
            }
            if (period.contains(day)) {
                current = true;
            } else if (period.start() == null || period.startsAfter(day)) {
                // a unit named without a start has not begun serving the client
                future = true;
            } else {
                past = true;
            }
        }
        if (current) {
            return agreementStatus(organiser, provider, serviceTask, day);
        }
        if (future) {
            return RightStatus.NOT_STARTED;
        }
        if (past) {
            return RightStatus.ENDED;
        }
        return anyForProvider ? RightStatus.OTHER_SERVICE_TASK : RightStatus.NO_PROVIDER_PERIOD;
    }

    private RightStatus agreementStatus(String organiser, String provider, String serviceTask, LocalDate day) {
        boolean ended = false;
        boolean otherTasks = false;
        for (int i = 0; i < agreements.size(); i++) {
            RegisterAccessAgreement agreement = agreements.get(i);
            if (!agreement.between(organiser, provider)) {
                continue;
            }
            if (!agreement.covers(serviceTask)) {
                otherTasks |= agreement.inEffectOn(day);
                continue;
            }
            if (agreement.inEffectOn(day)) {
                return agreement.extensive() ? RightStatus.IN_EFFECT_EXTENSIVE : RightStatus.IN_EFFECT;
            }
            ended |= agreement.endedBefore(day);
        }
        if (ended) {
            return RightStatus.AGREEMENT_ENDED;
        }
        return otherTasks ? RightStatus.AGREEMENT_OTHER_SERVICE_TASK : RightStatus.AGREEMENT_MISSING;
    }

    /**
     * The first day of the provider's period for the service task that contains the day, or null. Used when
     * documents older than the provider's client relationship are kept from it.
     */
    public LocalDate periodStart(String organiser, String provider, String serviceTask, LocalDate day) {
        LocalDate earliest = null;
        for (int i = 0; i < periods.size(); i++) {
            ProviderPeriod period = periods.get(i);
            if (period.between(organiser, provider) && serviceTask != null && serviceTask.equals(period.serviceTask())
                    && period.contains(day) && (earliest == null || period.start().isBefore(earliest))) {
                earliest = period.start();
            }
        }
        return earliest;
    }

    /**
     * Whether the two organisations are organiser and outsourced (or voucher) provider of each other for the client
     * on the day, whatever the service task and whether or not they use the register access right: a denial of
     * disclosure never blocks disclosure between them (kanta.fi, "Sosiaalipalvelujen asiakastietojen luovutuskielto").
     */
    public boolean organiserAndProvider(String one, String other, LocalDate day) {
        if (one == null || other == null) {
            return false;
        }
        for (int i = 0; i < periods.size(); i++) {
            ProviderPeriod period = periods.get(i);
            if ((period.between(one, other) || period.between(other, one)) && period.contains(day)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The organisers in whose registers the provider serves the client on the day: under a right in effect
     * ({@link #rights}), or under the open window of their register access right deployment test for a client with a
     * test identity code and a period of the provider containing the day (docs/access.md, "The register access right
     * in its deployment test"). The access rules still decide each document.
     */
    public Set<String> organisersServedBy(String provider, LocalDate day) {
        Set<String> organisers = new TreeSet<>();
        for (RegisterAccessRight right : rights()) {
            if (right.provider().equals(provider) && right.inEffectOn(day)) {
                organisers.add(right.organiser());
            }
        }
        for (ProviderPeriod period : periods) {
            DeploymentTestWindow test = test(period.organiser(), provider);
            if (test != null && test.windowOpen() && provider.equals(period.providerOrganisation())
                    && period.contains(day) && PersonalIdentityCode.isTestCode(period.clientId())) {
                organisers.add(period.organiser());
            }
        }
        return organisers;
    }

    /** Every right these facts give, each as the overlap of a provider period and an agreement. */
    public List<RegisterAccessRight> rights() {
        List<RegisterAccessRight> rights = new ArrayList<>();
        for (ProviderPeriod period : periods) {
            if (period.start() == null || period.providerOrganisation() == null) {
                continue;
            }
            for (RegisterAccessAgreement agreement : agreements) {
                if (!agreement.between(period.organiser(), period.providerOrganisation())
                        || !agreement.covers(period.serviceTask())) {
                    continue;
                }
                LocalDate from = later(period.start(), agreement.from());
                LocalDate until = earlier(period.end(), agreement.endedOn());
                if (until == null || !until.isBefore(from)) {
                    rights.add(new RegisterAccessRight(period.organiser(), period.providerOrganisation(),
                            period.clientId(), period.serviceTask(), from, until, agreement.extensive()));
                }
            }
        }
        return rights;
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isBefore(b) ? a : b;
    }
}
