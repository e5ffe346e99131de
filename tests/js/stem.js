// Stems words with the Snowball project's English (Porter2) stemmer, npm snowball-stemmers, for the C# reference test.
// Usage: node stem.js < words.txt, one word a line; prints one stem a line, in the same order.
"use strict";
const fs = require("fs");
const stemmer = require("snowball-stemmers").newStemmer("english");

const words = fs.readFileSync(0, "utf8").split("\n").filter((word) => word.length > 0);
process.stdout.write(words.map((word) => stemmer.stem(word) + "\n").join(""));
