package org.drpkit.fits.validate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects findings while a file is walked. A run of one code in one HDU is capped (a binary block read as a header
 * would otherwise give thousands of lines); the cap is reported as a finding of its own, so nothing is hidden.
 */
final class Findings {

    static final int CAP_PER_CODE = 50;

    private final List<Finding> list = new ArrayList<>();
    private final Map<String, int[]> counts = new HashMap<>();

    void add(ValidationCode code, int hdu, int card, String keyword, String message) {
        int[] n = counts.computeIfAbsent(hdu + "/" + code, k -> new int[1]);
        n[0]++;
        if (n[0] <= CAP_PER_CODE) {
            list.add(new Finding(code, code.severity(), hdu, card, keyword, message));
        }
    }

    void add(ValidationCode code, int hdu, String message) {
        add(code, hdu, 0, null, message);
    }

    /** Adds a closing finding for each capped run. */
    List<Finding> finish() {
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            int n = e.getValue()[0];
            if (n > CAP_PER_CODE) {
                String[] k = e.getKey().split("/");
                ValidationCode code = ValidationCode.valueOf(k[1]);
                list.add(new Finding(code, code.severity(), Integer.parseInt(k[0]), 0, null,
                        (n - CAP_PER_CODE) + " more findings of this code in this HDU are not listed (" + n
                                + " in all)"));
            }
        }
        counts.clear();
        return list;
    }

    int errorCount(int hdu) {
        int n = 0;
        for (Finding f : list) {
            if (f.hdu() == hdu && f.isError()) {
                n++;
            }
        }
        return n;
    }
}
