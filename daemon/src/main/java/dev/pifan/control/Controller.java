package dev.pifan.control;

/** Turns a reading into a fan duty. Implementations keep whatever state they need between ticks. */
public interface Controller {

    /** A short name for logs and the simulator ({@code pifan}, {@code pi5-firmware}, ...). */
    String name();

    Decision decide(Reading reading);

    /**
     * Says that the fan was driven faster than this controller's last decision, by a rule above
     * it (a tray member's request): a stall is then judged at the duty the fan really ran at, and
     * a fan already turning needs no kick. Controllers that judge neither ignore it.
     */
    default void drivenAt(dev.pifan.hal.Duty duty) {
    }
}
