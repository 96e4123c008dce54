package dev.pifan.hal.i2c;

import dev.pifan.hal.HalException;

/**
 * The EMC fan chips report speed as a count of clock cycles between tach edges: the larger, the
 * slower; an all-ones count means no edge arrived (stopped, or no tach wire); 0 is impossible.
 */
final class TachCount {

    private TachCount() {
    }

    /**
     * @param stoppedFrom the least count that means no edge arrived in time (the fan stands still)
     * @param rpmFactor the chip's constant: rpm = rpmFactor / count
     */
    static int toRpm(String fanId, int count, int stoppedFrom, int rpmFactor) throws HalException {
        if (count >= stoppedFrom) {
            return 0;
        }
        if (count == 0) {
            throw new HalException(HalException.Kind.IMPLAUSIBLE, fanId + ": tach count 0 cannot be a real speed");
        }
        return rpmFactor / count;
    }
}
