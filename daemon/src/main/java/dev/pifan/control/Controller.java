package dev.pifan.control;

/** Turns a reading into a fan duty. Implementations keep whatever state they need between ticks. */
public interface Controller {

    /** A short name for logs and the simulator ({@code pifan}, {@code pi5-firmware}, ...). */
    String name();

    Decision decide(Reading reading);
}
