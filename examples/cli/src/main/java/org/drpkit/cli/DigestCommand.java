package org.drpkit.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import org.drpkit.archive.config.ArchiveConfig;
import org.drpkit.archive.notify.NightDigest;
import org.drpkit.archive.notify.Notifications;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.status.Ledger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code drpkit digest [--date YYYYMMDD] --out ROOT [--config FILE --send]}: the daily digest of one UT night, from
 * the ledger alone, printed and, with {@code --send}, sent to the configured e-mail and webhook. Meant for cron the
 * morning after (the default night is yesterday, UT).
 */
@Command(name = "digest", description = {"The daily digest of one UT night from the ledger: files per instrument and"
        + " state, INVALID and ERROR files by instrument and code, and each of them by name. Printed; with --send also"
        + " sent to the e-mail and webhook of the --config file. Run it from cron the morning after.",
    "Exit status: 0 when printed (and sent), 1 when a target could not be reached, 2 when the ledger or the"
            + " configuration cannot be read."})
final class DigestCommand implements Callable<Integer> {

    @Mixin
    LedgerOptions ledger;

    @Mixin
    ConfigOption config;

    @Option(names = "--date", paramLabel = "YYYYMMDD", description = "the UT night (default: yesterday, UT)")
    String date;

    @Option(names = "--send", description = "send the digest to the configured e-mail and webhook")
    boolean send;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws DrpException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LocalDate night;
        try {
            night = date == null ? LocalDate.now(ZoneOffset.UTC).minusDays(1)
                    : LocalDate.parse(date.replace("-", ""), DateTimeFormatter.BASIC_ISO_DATE);
        } catch (DateTimeParseException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--date: '" + date + "' is not YYYYMMDD");
        }
        ArchiveConfig c = config.load();
        ledger.defaults(c);
        Notifications targets = Notifications.of(c.notifications());
        if (send && !targets.reachesPeople()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--send needs notify.mail or notify.webhook"
                    + " in the --config file");
        }
        NightDigest d;
        try (Ledger l = ledger.open()) {
            d = NightDigest.of(l, night);
        }
        out.print(d.text());
        out.flush();
        if (!send) {
            return 0;
        }
        Notifications people = targets.withoutLog(); // the digest is printed above
        people.send(d.alert());
        long failed = people.failed();
        err.println(failed == 0 ? "sent (" + people + ")" : failed + (failed == 1 ? " target" : " targets")
                + " not reached (" + people + ")");
        err.flush();
        return failed == 0 ? 0 : 1;
    }
}
