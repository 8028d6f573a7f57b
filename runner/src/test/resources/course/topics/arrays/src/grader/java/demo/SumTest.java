package demo;

class SumTest {}
