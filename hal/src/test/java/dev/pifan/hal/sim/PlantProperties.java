package dev.pifan.hal.sim;

import dev.pifan.hal.Duty;
import dev.pifan.hal.HalException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Invariants of the plant and the board that must hold whatever a controller does. */
class PlantProperties {

    private static final Set<Double> LEVELS = Set.of(1.0, 1000.0 / 1500, 750.0 / 1500, 600.0 / 1500);

    /** What one second brings: the controller's duty and the world's inputs. */
    record Second(double duty, SecondInputs inputs) {
    }

    // edge cases off: their combinations outnumber the tries; dutyValues() adds the extremes itself
    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void thePlantStaysPhysical(@ForAll("profiles") BoardProfile profile, @ForAll("seconds") List<Second> seconds) {
        SecondInputs first = seconds.get(0).inputs();
        Plant plant = Plant.steadyState(profile, first.load(), first.ambientC());
        int sticky = 0;
        for (Second second : seconds) {
            plant = plant.firmware(second.inputs().underVoltage());
            int flags = plant.reportedFlags();
            check((flags & sticky) == sticky, "sticky bits cleared: " + Integer.toHexString(flags));
            check((flags >>> 16 & plant.nowFlags()) == plant.nowFlags(), "a now bit without its sticky bit");
            check((flags & ~0x00070007) == 0, "bits outside the ones the spec sets");
            sticky = flags & 0xFFFF0000;
            double phi = plant.freqRatio(second.inputs().underVoltage());
            check(LEVELS.contains(phi), "freq_ratio " + phi);
            check(!second.inputs().underVoltage() || phi <= 1000.0 / 1500, "not capped while under-voltage");

            plant = plant.advance(second.duty(), second.inputs());
            check(Double.isFinite(plant.dieC()) && Double.isFinite(plant.sinkC()), "not finite: " + plant);
            check(plant.rpm() >= 0 && plant.rpm() <= profile.rpmMax(), "rpm " + plant.rpm());
            check(plant.dieC() > -60 && plant.dieC() < 200, "die " + plant.dieC());
            double quantum = plant.sensorCelsius(0) / 0.5;
            check(quantum == Math.rint(quantum), "sensor off the 0.5 °C grid");
        }
    }

    @Property(tries = 50)
    void aBoardRecordsOneSamplePerSecondWhateverTheDuties(
            @ForAll("profiles") BoardProfile profile,
            @ForAll("duties") List<Double> duties,
            @ForAll @IntRange(min = 0, max = 7199) int stallAt) throws HalException {
        ManualClock clock = new ManualClock();
        List<Sample> samples = new ArrayList<>();
        Scenario scenario = Scenarios.named("bursty-ci").withDuration(duties.size()).withFanStallAt(stallAt)
                .withUnderVoltage(new Scenario.Window(10, 20));
        SimulatedBoard board = SimulatedBoard.bounded(profile, scenario, clock, samples::add);
        for (double duty : duties) {
            board.temperature().readCelsius();
            board.fan().apply(Duty.ofRatio(duty));
            clock.advanceSeconds(1);
        }
        board.catchUp();
        check(samples.size() == duties.size(), samples.size() + " samples for " + duties.size() + " seconds");
        for (int i = 0; i < samples.size(); i++) {
            Sample sample = samples.get(i);
            check(sample.timeS() == i + 1 && sample.duty() == duties.get(i), "sample " + sample);
            check(i == 0 || (sample.throttled() & samples.get(i - 1).throttled() & 0xFFFF0000)
                    == (samples.get(i - 1).throttled() & 0xFFFF0000), "sticky bits cleared at " + sample);
        }
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }

    @Provide
    Arbitrary<BoardProfile> profiles() {
        return Arbitraries.of(BoardProfile.PI4_HEATSINK, BoardProfile.PI5_ACTIVE_COOLER, BoardProfile.CM4_BLADE);
    }

    @Provide
    Arbitrary<List<Double>> duties() {
        return dutyValues().list().ofMinSize(1).ofMaxSize(300);
    }

    private static Arbitrary<Double> dutyValues() {
        // the extremes and the stiction thresholds matter most
        return Arbitraries.oneOf(
                Arbitraries.doubles().between(0, 1),
                Arbitraries.of(0.0, 1.0, 0.12, 0.15, 0.2, 0.25, 0.3, 0.19999, 0.29999));
    }

    @Provide
    Arbitrary<List<Second>> seconds() {
        Arbitrary<SecondInputs> inputs = Combinators.combine(
                Arbitraries.doubles().between(0, 1),
                Arbitraries.doubles().between(-40, 80),
                Arbitraries.integers().between(0, 9).map(i -> i == 0),
                Arbitraries.integers().between(0, 9).map(i -> i == 0))
                .as(SecondInputs::new);
        // hold each input for a while, as scenarios do, so temperatures can build up
        Arbitrary<List<Second>> block = Combinators.combine(dutyValues(), inputs, Arbitraries.integers().between(1, 200))
                .as((duty, input, length) -> Collections.nCopies(length, new Second(duty, input)));
        return block.list().ofMinSize(1).ofMaxSize(20).map(blocks -> {
            List<Second> all = new ArrayList<>();
            blocks.forEach(all::addAll);
            return all;
        });
    }
}
