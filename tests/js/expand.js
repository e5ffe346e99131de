// Expands Adaptive Card templates with the official templating library, for the C# conformance test.
// Usage: node expand.js < jobs.json, where jobs.json is an array of
//   { "template": <object> | "path/to/template.json", "data": <object> | "path/to/data.json" }.
// Prints an array with, per job, { "card": <expanded JSON> } or { "error": "<message>" }.
// Known behaviour the C# engine copies: the official library does NOT drop a property whose binding is undefined;
// it writes the binding back as text ("${missing}"), and a field that is explicitly null stays as null (and fails
// when joined into a longer string). Only objects are dropped: by a $when that is not the boolean true, or by a
// $data array that is empty.
"use strict";
const fs = require("fs");
const ACData = require("adaptivecards-templating");

const load = (value) => (typeof value === "string" ? JSON.parse(fs.readFileSync(value, "utf8")) : value);

const jobs = JSON.parse(fs.readFileSync(0, "utf8"));
const results = jobs.map((job) => {
  try {
    const template = new ACData.Template(load(job.template));
    return { card: template.expand({ $root: load(job.data) }) };
  } catch (e) {
    return { error: String(e && e.message ? e.message : e) };
  }
});
process.stdout.write(JSON.stringify(results));
