package demo;

class MaxTest {}
