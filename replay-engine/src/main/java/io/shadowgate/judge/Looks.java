package io.shadowgate.judge;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.special.Erf;

/**
 * The error budget α = 1 − C spent over repeated looks at a growing run, so that looking after
 * every window and stopping at the first decision keeps the error rates of a single look. Each
 * look (and the closing judgement of a run no look decided) is judged at confidence 1 − its
 * share; the shares add up to at most α however the run stops, so by a union bound over the
 * looks the chance that any of them errs, and so the error of whatever verdict ends the run
 * (any stopping time), is at most α. The bound uses no correlation between looks, nor that the
 * information really grows like the plan says: it only needs the shares fixed before the data
 * (they depend on C, the look's number and the plan only).
 *
 * <p><b>Planned looks</b> (a run that knows it will take m ≥ 2 windows): a Lan–DeMets
 * O'Brien–Fleming-type spending function, α(t) = 2 − 2Φ(z<sub>1−α/2</sub>/√t), over the
 * information fraction t<sub>j</sub> = j/m, with α(1) = α. Look j &lt; m spends
 * α(j/m) − α((j − 1)/m): almost nothing early (at C = 0.99 and m = 5, look 1 spends 8.4·10⁻⁹,
 * look 4 0.31 %), and the closing judgement after looks 1..j gets all that is left,
 * α − α(j/m) (0.60 % after 4 of 5 looks). A look whose share since the last judged look would
 * be below {@link #MIN_SHARE} is not judged and leaves its share to the next one (its level
 * would round to 1 in double; at C = 0.99 and m = 20 these are looks 1 to 3); what skipped
 * looks at the end did not pass on goes to the closing judgement.
 *
 * <p><b>Looks at or beyond the plan</b> (the last window's look, or a recorded stream longer
 * than scanned): the tail T = α − α((m − 1)/m), what the looks before the plan's last left, is
 * shared as below with i = j − m + 1 counting these looks: look j spends T/(i(i + 1)), and a
 * closing judgement after such looks gets T/(i + 1). So the total stays at most α however
 * long the run overruns; the price is that the closing judgement after a look at or beyond
 * the plan has less than T.
 *
 * <p><b>Unknown number of looks</b> (m &lt; 2): look j spends α/(j(j + 1)) and the closing
 * judgement after m looks α/(m + 1) (1/(j(j + 1)) sums to 1): half the budget goes to look 1.
 * This is the rule above with m = 1 (T = α).
 *
 * <p>Stateless and thread-safe.
 */
public final class Looks {

    /**
     * The smallest share of the budget a look is judged at: below it the look's level rounds
     * to 1 (or its NO_GO level does, after Bonferroni), where no bound exists; such a look
     * could not decide anything anyway (its z would exceed 6.3).
     */
    public static final double MIN_SHARE = 1e-10;

    private Looks() {
    }

    /**
     * Confidence of interim look {@code look} (1, 2, ...) of a run that plans {@code planned}
     * looks (below 2: no plan); 1 when the look spends nothing and is not to be judged
     * ({@link #judged}).
     */
    public static double interim(double confidence, int look, int planned) {
        return 1 - share(confidence, look, planned);
    }

    /** Whether look {@code look} spends any of the budget, i.e. is judged at all. */
    public static boolean judged(double confidence, int look, int planned) {
        return share(confidence, look, planned) > 0;
    }

    /**
     * Confidence of the final judgement of a run that planned {@code planned} looks (below 2:
     * no plan) after {@code looks} interim looks that decided nothing: what they left.
     */
    public static double closing(double confidence, int looks, int planned) {
        double alpha = 1 - confidence;
        if (looks <= 0) {
            return confidence;
        }
        int m = Math.max(planned, 1);
        if (looks < m) {
            return 1 - (alpha - spentThrough(alpha, looks, m));
        }
        return 1 - tail(alpha, m) / (looks - m + 2.0);
    }

    /** The share of the budget look {@code look} spends; 0 when it is not judged. */
    public static double share(double confidence, int look, int planned) {
        if (look < 1) {
            throw new IllegalArgumentException("look must be at least 1 (was " + look + ")");
        }
        double alpha = 1 - confidence;
        int m = Math.max(planned, 1);
        if (look >= m) {
            double i = look - m + 1;
            return tail(alpha, m) / (i * (i + 1));
        }
        double share = obf(alpha, look, m) - spentThrough(alpha, look - 1, m);
        return share >= MIN_SHARE ? share : 0;
    }

    /**
     * The spending function α(t) = 2 − 2Φ(z<sub>1−α/2</sub>/√t) at t = look/planned (α at t ≥ 1),
     * α = 1 − {@code confidence}: what looks 1..{@code look} may spend in all.
     */
    public static double spending(double confidence, int look, int planned) {
        return obf(1 - confidence, look, Math.max(planned, 1));
    }

    /** What looks 1..{@code looks}, all before the plan's last, spent: α(t) of the last one judged. */
    private static double spentThrough(double alpha, int looks, int m) {
        double z = z(alpha);
        double spent = 0;
        for (int j = 1; j <= Math.min(looks, m - 1); j++) {
            double upTo = Erf.erfc(z / Math.sqrt(2.0 * j / m));
            if (upTo - spent >= MIN_SHARE) {
                spent = upTo;
            }
        }
        return spent;
    }

    /** The part of the budget left for the looks at or beyond the plan's last and the closing judgement. */
    private static double tail(double alpha, int m) {
        return alpha - spentThrough(alpha, m - 1, m);
    }

    /** 2 − 2Φ(x) written as erfc(x/√2), so that the tiny values of the early looks keep their digits. */
    private static double obf(double alpha, int look, int m) {
        if (look >= m) {
            return alpha;
        }
        return Erf.erfc(z(alpha) / Math.sqrt(2.0 * look / m));
    }

    /** z<sub>1−α/2</sub>. */
    private static double z(double alpha) {
        return new NormalDistribution(null, 0, 1).inverseCumulativeProbability(1 - alpha / 2);
    }
}
