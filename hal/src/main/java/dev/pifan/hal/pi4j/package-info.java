/**
 * I2C, GPIO and PWM through Pi4J 2: the only package that imports {@code com.pi4j}. Loaded only
 * when the config names {@code provider: pi4j}.
 */
package dev.pifan.hal.pi4j;
