/**
 * I2C fan chips (EMC230x, EMC2101, Argon ONE), each written once against {@link dev.pifan.hal.i2c.I2cBus}
 * so the same code runs over diozero, Pi4J and the register-map fakes of the tests. Every driver
 * checks what it can of the chip's identity before it writes anything.
 */
package dev.pifan.hal.i2c;
