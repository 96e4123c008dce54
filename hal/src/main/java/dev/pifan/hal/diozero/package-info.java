/**
 * I2C, GPIO and PWM through diozero: the only package that imports {@code com.diozero}. Loaded
 * only when the config names {@code provider: diozero} (the default for I2C and GPIO fans).
 */
package dev.pifan.hal.diozero;
