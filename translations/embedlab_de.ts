<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AboutDialog</name>
    <message>
        <source>&lt;h3&gt;EmbedLab %1&lt;/h3&gt;&lt;p&gt;A workbench for fine-tuning text-embedding models and rerankers: browse data, mine hard negatives, train, evaluate, pick thresholds, merge and compare runs.&lt;/p&gt;&lt;p&gt;Licence: GNU GPL, version 3 or later.&lt;/p&gt;&lt;p&gt;Built with: Qt %2 (LGPL-3.0), LibTorch (BSD-3-Clause), FAISS (MIT), QCustomPlot (GPL-3.0), SQLite (public domain), nlohmann/json (MIT), simdjson (Apache-2.0), CLI11 (BSD-3-Clause), {fmt} and spdlog (MIT), xxHash (BSD-2-Clause), OpenBLAS (BSD-3-Clause).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;EmbedLab %1&lt;/h3&gt;&lt;p&gt;Eine Werkbank zum Feintuning von Text-Embedding-Modellen und Rerankern: Daten durchsehen, schwierige Negative minen, trainieren, evaluieren, Schwellenwerte wählen, Läufe zusammenführen und vergleichen.&lt;/p&gt;&lt;p&gt;Lizenz: GNU GPL, Version 3 oder neuer.&lt;/p&gt;&lt;p&gt;Erstellt mit: Qt %2 (LGPL-3.0), LibTorch (BSD-3-Clause), FAISS (MIT), QCustomPlot (GPL-3.0), SQLite (gemeinfrei), nlohmann/json (MIT), simdjson (Apache-2.0), CLI11 (BSD-3-Clause), {fmt} und spdlog (MIT), xxHash (BSD-2-Clause), OpenBLAS (BSD-3-Clause).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About EmbedLab</source>
        <translation>Über EmbedLab</translation>
    </message>
</context>
<context>
    <name>Options</name>
    <message>
        <source>Models and evaluation set</source>
        <translation>Modelle und Evaluationsmenge</translation>
    </message>
    <message>
        <source>Queries and encoding</source>
        <translation>Anfragen und Kodierung</translation>
    </message>
    <message>
        <source>Re-ranking</source>
        <translation>Neubewertung (Re-Ranking)</translation>
    </message>
    <message>
        <source>Outputs</source>
        <translation>Ausgaben</translation>
    </message>
    <message>
        <source>Model folders (bi-encoders), evaluated into one table; one of them, or --model, is required.</source>
        <translation>Modellordner (Bi-Encoder), in einer Tabelle evaluiert; mindestens einer oder --model ist erforderlich.</translation>
    </message>
    <message>
        <source>BEIR-layout folder (corpus.jsonl, queries.jsonl, qrels/); this or --corpus and --queries is required.</source>
        <translation>Ordner im BEIR-Format (corpus.jsonl, queries.jsonl, qrels/); dieser oder --corpus und --queries ist erforderlich.</translation>
    </message>
    <message>
        <source>Which qrels/&lt;split&gt;.tsv of --data to use.</source>
        <translation>Welche qrels/&lt;split&gt;.tsv von --data verwendet wird.</translation>
    </message>
    <message>
        <source>MS MARCO layout: corpus JSONL of {&quot;content&quot;} (with --queries, this or --data is required).</source>
        <translation>MS-MARCO-Format: Korpus-JSONL aus {&quot;content&quot;} (mit --queries; dies oder --data ist erforderlich).</translation>
    </message>
    <message>
        <source>MS MARCO layout: queries JSONL of {&quot;query&quot;, &quot;positive&quot;: [...]} (required with --corpus).</source>
        <translation>MS-MARCO-Format: Anfragen-JSONL aus {&quot;query&quot;, &quot;positive&quot;: [...]} (mit --corpus erforderlich).</translation>
    </message>
    <message>
        <source>Documents retrieved per query.</source>
        <translation>Abgerufene Dokumente je Anfrage.</translation>
    </message>
    <message>
        <source>Leave judged queries without any relevant document out of the means (by default they count and score 0, as in trec_eval and the reference).</source>
        <translation>Bewertete Anfragen ohne relevantes Dokument aus den Mittelwerten auslassen (standardmäßig zählen sie mit 0, wie in trec_eval und der Referenz).</translation>
    </message>
    <message>
        <source>Put the query instruction before each query (BGE&apos;s unless --query_instruction).</source>
        <translation>Die Anfrage-Instruktion vor jede Anfrage setzen (die von BGE, außer mit --query_instruction).</translation>
    </message>
    <message>
        <source>Query instruction to use instead of BGE&apos;s (implies --add_instruction; default: BGE&apos;s).</source>
        <translation>Anfrage-Instruktion statt der von BGE (impliziert --add_instruction; Standard: die von BGE).</translation>
    </message>
    <message>
        <source>Text put before every document, e.g. &quot;passage: &quot; for E5 (default: nothing).</source>
        <translation>Text vor jedem Dokument, z. B. &quot;passage: &quot; für E5 (Standard: nichts).</translation>
    </message>
    <message>
        <source>Evaluate with and without the query instruction, side by side.</source>
        <translation>Mit und ohne Anfrage-Instruktion nebeneinander evaluieren.</translation>
    </message>
    <message>
        <source>Longest query in tokens.</source>
        <translation>Längste Anfrage in Token.</translation>
    </message>
    <message>
        <source>Longest document in tokens.</source>
        <translation>Längstes Dokument in Token.</translation>
    </message>
    <message>
        <source>Search index: flat (exact), ivf or hnsw (approximate).</source>
        <translation>Suchindex: flat (exakt), ivf oder hnsw (näherungsweise).</translation>
    </message>
    <message>
        <source>A reranker (cross-encoder) folder: each model&apos;s top --rerank_top_k hits are scored again by it, and the table shows the metrics before and after (default: no re-ranking).</source>
        <translation>Ein Reranker-Ordner (Cross-Encoder): er bewertet die besten --rerank_top_k Treffer jedes Modells neu, und die Tabelle zeigt die Metriken davor und danach (Standard: keine Neubewertung).</translation>
    </message>
    <message>
        <source>Hits per query the reranker scores.</source>
        <translation>Treffer je Anfrage, die der Reranker bewertet.</translation>
    </message>
    <message>
        <source>Query-document pairs per reranker forward pass.</source>
        <translation>Anfrage-Dokument-Paare je Vorwärtsdurchlauf des Rerankers.</translation>
    </message>
    <message>
        <source>Reranker scores as sigmoid(logit) in [0, 1] (run file), not raw logits.</source>
        <translation>Reranker-Werte als sigmoid(Logit) in [0, 1] (Run-Datei) statt roher Logits.</translation>
    </message>
    <message>
        <source>Write the metrics as JSON to this file (default: only printed).</source>
        <translation>Die Metriken als JSON in diese Datei schreiben (Standard: nur ausgeben).</translation>
    </message>
    <message>
        <source>Write a TREC run file (qid Q0 docid rank score tag); with several evaluations, one file each, the tag before the extension (default: none).</source>
        <translation>Eine TREC-Run-Datei schreiben (qid Q0 docid rank score tag); bei mehreren Evaluationen je eine Datei, das Tag vor der Endung (Standard: keine).</translation>
    </message>
    <message>
        <source>Write a TSV of each query&apos;s first relevant rank per model (default: none).</source>
        <translation>Eine TSV mit dem ersten relevanten Rang jeder Anfrage je Modell schreiben (Standard: keine).</translation>
    </message>
    <message>
        <source>Model and pairs</source>
        <translation>Modell und Paare</translation>
    </message>
    <message>
        <source>Fitting</source>
        <translation>Anpassung</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>Kodierung</translation>
    </message>
    <message>
        <source>The model folder: a bi-encoder or a reranker.</source>
        <translation>Der Modellordner: ein Bi-Encoder oder ein Reranker.</translation>
    </message>
    <message>
        <source>Labelled pairs: a .tsv of text_a, text_b, label, or a training JSONL (the query with each pos is similar, with each neg dissimilar).</source>
        <translation>Gelabelte Paare: eine .tsv aus text_a, text_b, label oder eine Trainings-JSONL (die Anfrage mit jedem pos ist ähnlich, mit jedem neg unähnlich).</translation>
    </message>
    <message>
        <source>Precision the second threshold must reach: the lowest score that reaches it on the fitted part.</source>
        <translation>Präzision, die der zweite Schwellenwert erreichen muss: der niedrigste Wert, der sie auf dem angepassten Teil erreicht.</translation>
    </message>
    <message>
        <source>Share of the groups (queries / text_a) the thresholds are fitted on; the rest reports them.</source>
        <translation>Anteil der Gruppen (Anfragen / text_a), auf dem die Schwellenwerte angepasst werden; der Rest berichtet sie.</translation>
    </message>
    <message>
        <source>Seed of the split into fitted and held-out groups.</source>
        <translation>Seed der Aufteilung in angepasste und zurückgehaltene Gruppen.</translation>
    </message>
    <message>
        <source>Histogram bins in the JSON report.</source>
        <translation>Histogramm-Klassen im JSON-Bericht.</translation>
    </message>
    <message>
        <source>Text put before text_a / the query (default: nothing).</source>
        <translation>Text vor text_a / der Anfrage (Standard: nichts).</translation>
    </message>
    <message>
        <source>Text put before text_b / the passage (default: nothing).</source>
        <translation>Text vor text_b / der Passage (Standard: nichts).</translation>
    </message>
    <message>
        <source>With a reranker: thresholds on sigmoid(logit) in [0, 1], not raw logits.</source>
        <translation>Mit einem Reranker: Schwellenwerte auf sigmoid(Logit) in [0, 1] statt auf rohen Logits.</translation>
    </message>
    <message>
        <source>With a reranker: text_a (the query) is cut to this many tokens.</source>
        <translation>Mit einem Reranker: text_a (die Anfrage) wird auf so viele Token gekürzt.</translation>
    </message>
    <message>
        <source>Write the analysis (curve, histograms, both parts) as JSON to this file (default: only printed).</source>
        <translation>Die Analyse (Kurve, Histogramme, beide Teile) als JSON in diese Datei schreiben (Standard: nur ausgeben).</translation>
    </message>
    <message>
        <source>Write every pair&apos;s score, label and part (fit or held_out) as JSONL to this file (default: none).</source>
        <translation>Wert, Label und Teil (fit oder held_out) jedes Paars als JSONL in diese Datei schreiben (Standard: keine).</translation>
    </message>
    <message>
        <source>Inputs and outputs</source>
        <translation>Ein- und Ausgaben</translation>
    </message>
    <message>
        <source>Which negatives</source>
        <translation>Welche Negative</translation>
    </message>
    <message>
        <source>Encoding and search</source>
        <translation>Kodierung und Suche</translation>
    </message>
    <message>
        <source>The model whose ranking is mined (a model folder).</source>
        <translation>Das Modell, dessen Rangfolge ausgewertet wird (ein Modellordner).</translation>
    </message>
    <message>
        <source>Training JSONL to mine negatives for.</source>
        <translation>Trainings-JSONL, für die Negative gesucht werden.</translation>
    </message>
    <message>
        <source>Training JSONL to write; every other field of a line is kept.</source>
        <translation>Zu schreibende Trainings-JSONL; alle anderen Felder einer Zeile bleiben erhalten.</translation>
    </message>
    <message>
        <source>JSONL of {&quot;text&quot;} lines to search (default: the input&apos;s pos and neg texts).</source>
        <translation>JSONL aus {&quot;text&quot;}-Zeilen zum Durchsuchen (Standard: die pos- und neg-Texte der Eingabe).</translation>
    </message>
    <message>
        <source>Ranks to sample negatives from, A-B: 0-based, A included, B excluded. Starting below the top ranks skips likely false negatives.</source>
        <translation>Ränge, aus denen Negative gezogen werden, A-B: ab 0 gezählt, A eingeschlossen, B ausgeschlossen. Unterhalb der obersten Ränge zu beginnen überspringt wahrscheinliche falsche Negative.</translation>
    </message>
    <message>
        <source>Negatives written per query.</source>
        <translation>Geschriebene Negative je Anfrage.</translation>
    </message>
    <message>
        <source>How negatives are chosen in the range: random (the reference) or top (the best-ranked eligible candidates).</source>
        <translation>Wie Negative im Bereich gewählt werden: random (die Referenz) oder top (die bestplatzierten zulässigen Kandidaten).</translation>
    </message>
    <message>
        <source>Drop candidates scoring above (1-R) x the lowest positive&apos;s score: probable false negatives (0.05 is NV-Retriever&apos;s setting; default: no such filter).</source>
        <translation>Kandidaten über (1-R) x dem Wert des schwächsten Positivs verwerfen: wahrscheinliche falsche Negative (0,05 ist die Einstellung von NV-Retriever; Standard: kein solcher Filter).</translation>
    </message>
    <message>
        <source>Drop candidates scoring above the lowest positive&apos;s score minus M (default: no such filter).</source>
        <translation>Kandidaten über dem Wert des schwächsten Positivs minus M verwerfen (Standard: kein solcher Filter).</translation>
    </message>
    <message>
        <source>Drop candidates scoring above S (default: no such filter).</source>
        <translation>Kandidaten mit einem Wert über S verwerfen (Standard: kein solcher Filter).</translation>
    </message>
    <message>
        <source>Fill queries short of negatives with random candidates that pass the filters.</source>
        <translation>Anfragen mit zu wenigen Negativen mit zufälligen Kandidaten auffüllen, die die Filter bestehen.</translation>
    </message>
    <message>
        <source>Seed of the sampling: the same seed chooses the same negatives.</source>
        <translation>Seed der Stichprobe: derselbe Seed wählt dieselben Negative.</translation>
    </message>
    <message>
        <source>Scores written with the negatives: neg (neg_scores), both (also pos_scores, for distillation) or none. They are this model&apos;s cosine similarities (inner products if it does not normalise), not logits: distil from them with train --knowledge_distillation --teacher_temperature T, T the temperature the model was trained with.</source>
        <translation>Mit den Negativen geschriebene Werte: neg (neg_scores), both (auch pos_scores, für Distillation) oder none. Es sind Kosinus-Ähnlichkeiten dieses Modells (Skalarprodukte, wenn es nicht normalisiert), keine Logits: zum Distillieren train --knowledge_distillation --teacher_temperature T, mit T der Temperatur, mit der das Modell trainiert wurde.</translation>
    </message>
    <message>
        <source>Write the statistics as JSON to this file (default: only printed).</source>
        <translation>Die Statistik als JSON in diese Datei schreiben (Standard: nur ausgeben).</translation>
    </message>
    <message>
        <source>Text put before every query; a line&apos;s &quot;prompt&quot; wins (default: nothing).</source>
        <translation>Text vor jeder Anfrage; das &quot;prompt&quot; einer Zeile hat Vorrang (Standard: nichts).</translation>
    </message>
    <message>
        <source>Text put before every candidate, e.g. &quot;passage: &quot; for E5 (default: nothing).</source>
        <translation>Text vor jedem Kandidaten, z. B. &quot;passage: &quot; für E5 (Standard: nichts).</translation>
    </message>
    <message>
        <source>Search index: flat (exact inner product), ivf or hnsw (approximate, for huge pools).</source>
        <translation>Suchindex: flat (exaktes Skalarprodukt), ivf oder hnsw (näherungsweise, für riesige Pools).</translation>
    </message>
    <message>
        <source>IVF cells (0: 4 sqrt(n)).</source>
        <translation>IVF-Zellen (0: 4 sqrt(n)).</translation>
    </message>
    <message>
        <source>IVF cells visited per query.</source>
        <translation>Besuchte IVF-Zellen je Anfrage.</translation>
    </message>
    <message>
        <source>HNSW neighbours per node.</source>
        <translation>HNSW-Nachbarn je Knoten.</translation>
    </message>
    <message>
        <source>HNSW search breadth.</source>
        <translation>HNSW-Suchbreite.</translation>
    </message>
    <message>
        <source>Accepted for compatibility; FAISS searches on the CPU in this build.</source>
        <translation>Aus Kompatibilitätsgründen akzeptiert; FAISS sucht in diesem Build auf der CPU.</translation>
    </message>
    <message>
        <source>Longest text in tokens, special tokens included; longer texts are cut.</source>
        <translation>Längster Text in Token, Sondertoken eingeschlossen; längere Texte werden gekürzt.</translation>
    </message>
    <message>
        <source>Texts per forward pass.</source>
        <translation>Texte je Vorwärtsdurchlauf.</translation>
    </message>
    <message>
        <source>Encode in float16 on CUDA (ignored on the CPU).</source>
        <translation>In float16 auf CUDA kodieren (auf der CPU ignoriert).</translation>
    </message>
    <message>
        <source>Encode in bfloat16 on CUDA and on CPUs with native bf16 (AVX512_BF16 or AMX); other CPUs stay in float32, which is faster there.</source>
        <translation>In bfloat16 kodieren, auf CUDA und auf CPUs mit nativem bf16 (AVX512_BF16 oder AMX); andere CPUs bleiben bei float32, das dort schneller ist.</translation>
    </message>
    <message>
        <source>Encode with int8 projections on CPUs with AVX-512 VNNI or AMX (about 3x as fast as float32 for MiniLM-sized models); bf16 or float32 on other CPUs.</source>
        <translation>Mit int8-Projektionen kodieren, auf CPUs mit AVX-512 VNNI oder AMX (etwa dreimal so schnell wie float32 bei Modellen in MiniLM-Größe); auf anderen CPUs bf16 oder float32.</translation>
    </message>
    <message>
        <source>Where to run: auto (all visible GPUs, else the CPU), cpu, cuda or cuda:N.</source>
        <translation>Wo gerechnet wird: auto (alle sichtbaren GPUs, sonst die CPU), cpu, cuda oder cuda:N.</translation>
    </message>
    <message>
        <source>Neither read nor write the embedding cache.</source>
        <translation>Den Embedding-Cache weder lesen noch schreiben.</translation>
    </message>
    <message>
        <source>Embedding cache folder (default: $XDG_CACHE_HOME/embedlab/embeddings).</source>
        <translation>Ordner des Embedding-Caches (Standard: $XDG_CACHE_HOME/embedlab/embeddings).</translation>
    </message>
    <message>
        <source>Models and weights</source>
        <translation>Modelle und Gewichte</translation>
    </message>
    <message>
        <source>Sweep</source>
        <translation>Durchlauf</translation>
    </message>
    <message>
        <source>Model folders; the first one&apos;s files are kept.</source>
        <translation>Modellordner; die Dateien des ersten werden übernommen.</translation>
    </message>
    <message>
        <source>One weight per model, non-negative, summing to 1 (this, --weights_from_examples or --sweep is required).</source>
        <translation>Ein Gewicht je Modell, nicht negativ, Summe 1 (dies, --weights_from_examples oder --sweep ist erforderlich).</translation>
    </message>
    <message>
        <source>Divide the weights by their sum instead of requiring a sum of 1.</source>
        <translation>Die Gewichte durch ihre Summe teilen, statt eine Summe von 1 zu verlangen.</translation>
    </message>
    <message>
        <source>New folder for the merged model.</source>
        <translation>Neuer Ordner für das zusammengeführte Modell.</translation>
    </message>
    <message>
        <source>Choose the weights as softmax(-loss/5) of each model&apos;s loss on the first examples of this training file: each positive against the example&apos;s negatives, by similarity / 0.05 for bi-encoders, by logit for rerankers (default: none).</source>
        <translation>Die Gewichte als softmax(-loss/5) des Verlusts jedes Modells auf den ersten Beispielen dieser Trainingsdatei wählen: jedes Positiv gegen die Negative des Beispiels, nach Ähnlichkeit / 0,05 bei Bi-Encodern, nach Logit bei Rerankern (Standard: keine).</translation>
    </message>
    <message>
        <source>Examples --weights_from_examples uses.</source>
        <translation>Beispiele, die --weights_from_examples verwendet.</translation>
    </message>
    <message>
        <source>START:END:STEP: evaluate the first model&apos;s weight at each step (two models); without --weights the best on --eval_set is written (default: no sweep).</source>
        <translation>START:END:STEP: das Gewicht des ersten Modells bei jedem Schritt evaluieren (zwei Modelle); ohne --weights wird das beste auf --eval_set geschrieben (Standard: kein Durchlauf).</translation>
    </message>
    <message>
        <source>Target-task evaluation set (BEIR folder); required with --sweep.</source>
        <translation>Evaluationsmenge der Zielaufgabe (BEIR-Ordner); mit --sweep erforderlich.</translation>
    </message>
    <message>
        <source>General evaluation set (BEIR folder): what merging should preserve (default: none).</source>
        <translation>Allgemeine Evaluationsmenge (BEIR-Ordner): was das Zusammenführen erhalten soll (Standard: keine).</translation>
    </message>
    <message>
        <source>Which qrels split of the evaluation sets to use.</source>
        <translation>Welcher qrels-Split der Evaluationsmengen verwendet wird.</translation>
    </message>
    <message>
        <source>Metric the sweep reports and chooses by.</source>
        <translation>Metrik, die der Durchlauf berichtet und nach der er wählt.</translation>
    </message>
    <message>
        <source>A sweep over rerankers: the bi-encoder whose hits each mix re-ranks (default: none; required when the models are rerankers).</source>
        <translation>Ein Durchlauf über Reranker: der Bi-Encoder, dessen Treffer jede Mischung neu bewertet (Standard: keiner; erforderlich, wenn die Modelle Reranker sind).</translation>
    </message>
    <message>
        <source>A sweep over rerankers: hits per query each mix re-ranks.</source>
        <translation>Ein Durchlauf über Reranker: Treffer je Anfrage, die jede Mischung neu bewertet.</translation>
    </message>
    <message>
        <source>Text put before queries in the examples and the sweep (default: nothing).</source>
        <translation>Text vor den Anfragen in den Beispielen und im Durchlauf (Standard: nichts).</translation>
    </message>
    <message>
        <source>Longest passage in tokens.</source>
        <translation>Längste Passage in Token.</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Model and loss</source>
        <translation>Modell und Verlust</translation>
    </message>
    <message>
        <source>Optimisation</source>
        <translation>Optimierung</translation>
    </message>
    <message>
        <source>Logging and checkpoints</source>
        <translation>Protokollierung und Checkpoints</translation>
    </message>
    <message>
        <source>Memory and devices</source>
        <translation>Speicher und Geräte</translation>
    </message>
    <message>
        <source>The Hugging Face model folder to start from.</source>
        <translation>Der Hugging-Face-Modellordner, von dem aus trainiert wird.</translation>
    </message>
    <message>
        <source>The run folder: options, metrics, checkpoints; the final model lands at its root.</source>
        <translation>Der Laufordner: Optionen, Metriken, Checkpoints; das fertige Modell landet in seiner obersten Ebene.</translation>
    </message>
    <message>
        <source>Passages per query: one positive and G-1 hard negatives. More negatives help until memory runs out.</source>
        <translation>Passagen pro Anfrage: ein Positiv und G-1 schwierige Negative. Mehr Negative helfen, bis der Speicher ausgeht.</translation>
    </message>
    <message>
        <source>Longest query in tokens; set it from the query lengths (the Datasets panel&apos;s Statistics tab).</source>
        <translation>Längste Anfrage in Token; anhand der Anfragelängen festlegen (Reiter „Statistik“ im Panel „Datensätze“).</translation>
    </message>
    <message>
        <source>Longest passage in tokens; longer passages are cut.</source>
        <translation>Längste Passage in Token; längere Passagen werden abgeschnitten.</translation>
    </message>
    <message>
        <source>Put before every query without a &quot;prompt&quot; of its own (e.g. BGE&apos;s instruction). Use the same text when you encode queries later (default: nothing).</source>
        <translation>Vor jede Anfrage ohne eigenes &quot;prompt&quot; gesetzt (z. B. die Instruktion von BGE). Verwenden Sie denselben Text, wenn Sie später Anfragen kodieren (Standard: nichts).</translation>
    </message>
    <message>
        <source>Put before every passage, e.g. &quot;passage: &quot; for E5 (default: nothing).</source>
        <translation>Vor jede Passage gesetzt, z. B. &quot;passage: &quot; für E5 (Standard: nichts).</translation>
    </message>
    <message>
        <source>Keep a text out of a batch that already holds it, so that a duplicate positive is never an in-batch negative.</source>
        <translation>Einen Text aus einem Batch heraushalten, der ihn bereits enthält, damit ein doppeltes Positiv nie zu einem In-Batch-Negativ wird.</translation>
    </message>
    <message>
        <source>Fill each batch with queries whose passages have about the same length, so that less padding is computed. The batches are shuffled, the longest one first (a memory shortage shows at the first step). It changes which queries share a batch, and so their in-batch negatives.</source>
        <translation>Jeden Batch mit Anfragen füllen, deren Passagen etwa gleich lang sind, damit weniger Auffüllung berechnet wird. Die Batches werden gemischt, der längste zuerst (ein Speichermangel zeigt sich beim ersten Schritt). Es ändert, welche Anfragen sich einen Batch teilen, und damit ihre In-Batch-Negative.</translation>
    </message>
    <message>
        <source>Pooling: cls, mean or last_token (default: the model&apos;s own sentence-transformers setting, else mean).</source>
        <translation>Pooling: cls, mean oder last_token (Standard: die sentence-transformers-Einstellung des Modells, sonst mean).</translation>
    </message>
    <message>
        <source>L2-normalise embeddings, so that scores are cosines.</source>
        <translation>Embeddings L2-normalisieren, sodass die Scores Kosinuswerte sind.</translation>
    </message>
    <message>
        <source>Scores are divided by it before the softmax: lower sharpens the distribution (0.01-0.05 is usual; the reference uses 0.02).</source>
        <translation>Die Scores werden vor dem Softmax durch diesen Wert geteilt: Kleinere Werte schärfen die Verteilung (üblich sind 0,01-0,05; die Referenz verwendet 0,02).</translation>
    </message>
    <message>
        <source>Use the other queries&apos; passages as negatives too.</source>
        <translation>Auch die Passagen der anderen Anfragen als Negative verwenden.</translation>
    </message>
    <message>
        <source>Share passages across workers as negatives: the effective batch is all workers&apos; batches together.</source>
        <translation>Passagen zwischen den Workern als Negative teilen: Der effektive Batch umfasst die Batches aller Worker zusammen.</translation>
    </message>
    <message>
        <source>Distil from the lines&apos; pos_scores and neg_scores: add the KL divergence from the teacher&apos;s softmax over each group. Off: scores in the data are ignored.</source>
        <translation>Aus den pos_scores und neg_scores der Zeilen destillieren: die KL-Divergenz zur Softmax des Lehrers über jede Gruppe hinzufügen. Aus: Scores in den Daten werden ignoriert.</translation>
    </message>
    <message>
        <source>The distillation loss: kl_div (the reference&apos;s m3_kd_loss is not supported).</source>
        <translation>Der Distillationsverlust: kl_div (m3_kd_loss der Referenz wird nicht unterstützt).</translation>
    </message>
    <message>
        <source>Teacher scores are divided by it before their softmax: 1 for a reranker&apos;s logits; for cosines written by Mine, the temperature that model was trained with (e.g. 0.02).</source>
        <translation>Die Scores des Lehrers werden vor ihrer Softmax durch sie geteilt: 1 für die Logits eines Rerankers; für Kosinuswerte aus Mine die Temperatur, mit der jenes Modell trainiert wurde (z. B. 0.02).</translation>
    </message>
    <message>
        <source>Weight of the distillation term (with knowledge_distillation).</source>
        <translation>Gewicht des Destillationsterms (mit knowledge_distillation).</translation>
    </message>
    <message>
        <source>AdamW learning rate; the reference advises 1e-5, 2e-5 and 3e-5 for large, base and small models.</source>
        <translation>AdamW-Lernrate; die Referenz empfiehlt 1e-5, 2e-5 und 3e-5 für große, Basis- und kleine Modelle.</translation>
    </message>
    <message>
        <source>Passes over the training data (may be fractional).</source>
        <translation>Durchläufe über die Trainingsdaten (auch Bruchteile möglich).</translation>
    </message>
    <message>
        <source>Optimiser steps in all; when positive it overrides the epochs.</source>
        <translation>Optimiererschritte insgesamt; ein positiver Wert hat Vorrang vor den Epochen.</translation>
    </message>
    <message>
        <source>Drop short batches instead of filling them with queries trained a second time.</source>
        <translation>Kurze Batches verwerfen, statt sie mit ein zweites Mal trainierten Anfragen aufzufüllen.</translation>
    </message>
    <message>
        <source>Share of the steps over which the learning rate rises linearly from 0 (0.1 is common).</source>
        <translation>Anteil der Schritte, über die die Lernrate linear von 0 ansteigt (üblich ist 0,1).</translation>
    </message>
    <message>
        <source>AdamW weight decay (never on biases and LayerNorm weights).</source>
        <translation>AdamW-Gewichtsabnahme (nie auf Biases und LayerNorm-Gewichte).</translation>
    </message>
    <message>
        <source>Clip the global gradient norm to this (0: no clipping).</source>
        <translation>Die globale Gradientennorm auf diesen Wert begrenzen (0: keine Begrenzung).</translation>
    </message>
    <message>
        <source>AdamW beta1.</source>
        <translation>beta1 von AdamW.</translation>
    </message>
    <message>
        <source>AdamW beta2.</source>
        <translation>beta2 von AdamW.</translation>
    </message>
    <message>
        <source>AdamW epsilon.</source>
        <translation>epsilon von AdamW.</translation>
    </message>
    <message>
        <source>Seed of sampling, shuffling and dropout: the same seed gives the same run.</source>
        <translation>Seed für Sampling, Mischen und Dropout: Derselbe Seed ergibt denselben Lauf.</translation>
    </message>
    <message>
        <source>A metrics record (loss, learning rate, similarity histograms) every N steps: what the plots show.</source>
        <translation>Alle N Schritte ein Metrikeintrag (Verlust, Lernrate, Ähnlichkeitshistogramme): das, was die Diagramme zeigen.</translation>
    </message>
    <message>
        <source>A checkpoint every N steps (0: only at the end). Stop always writes one.</source>
        <translation>Alle N Schritte ein Checkpoint (0: nur am Ende). Anhalten schreibt immer einen.</translation>
    </message>
    <message>
        <source>Keep only the last N checkpoints (0: all).</source>
        <translation>Nur die letzten N Checkpoints behalten (0: alle).</translation>
    </message>
    <message>
        <source>Continue from a checkpoint folder, or &quot;latest&quot; in the run folder (default: start afresh).</source>
        <translation>Von einem Checkpoint-Ordner fortsetzen, oder &quot;latest&quot; im Lauf-Ordner (Standard: neu beginnen).</translation>
    </message>
    <message>
        <source>Recompute each layer in the backward pass: less memory, about 30% more time.</source>
        <translation>Jede Schicht im Rückwärtsdurchlauf neu berechnen: weniger Speicher, etwa 30 % mehr Zeit.</translation>
    </message>
    <message>
        <source>Gradient cache: embed the batch in chunks, so that the batch size is bounded by time rather than memory, with the same gradients.</source>
        <translation>Gradienten-Cache: den Batch in Teilstücken einbetten, sodass die Batchgröße durch die Zeit statt durch den Speicher begrenzt ist, bei gleichen Gradienten.</translation>
    </message>
    <message>
        <source>Texts per chunk with the gradient cache.</source>
        <translation>Texte pro Teilstück beim Gradienten-Cache.</translation>
    </message>
    <message>
        <source>Mixed precision in float16 with dynamic loss scaling (CUDA only).</source>
        <translation>Gemischte Genauigkeit in float16 mit dynamischer Verlustskalierung (nur CUDA).</translation>
    </message>
    <message>
        <source>Mixed precision in bfloat16 (CUDA, or CPUs that support it).</source>
        <translation>Gemischte Genauigkeit in bfloat16 (CUDA oder CPUs, die es unterstützen).</translation>
    </message>
    <message>
        <source>Worker processes to start on this machine (one per GPU); under torchrun or srun leave 1.</source>
        <translation>Auf dieser Maschine zu startende Worker-Prozesse (einer je GPU); unter torchrun oder srun 1 lassen.</translation>
    </message>
    <message>
        <source>Where to train: auto (a GPU per worker when there are GPUs, else the CPU), cpu or cuda.</source>
        <translation>Wo trainiert wird: auto (eine GPU je Worker, wenn es GPUs gibt, sonst die CPU), cpu oder cuda.</translation>
    </message>
    <message>
        <source>How worker processes exchange tensors: auto (NCCL on GPUs, Gloo on the CPU), nccl, or gloo (also on GPUs, e.g. two workers sharing one GPU, which NCCL refuses).</source>
        <translation>Wie Worker-Prozesse Tensoren austauschen: auto (NCCL auf GPUs, Gloo auf der CPU), nccl oder gloo (auch auf GPUs, z. B. zwei Worker auf einer GPU, was NCCL ablehnt).</translation>
    </message>
    <message>
        <source>Lexical baseline</source>
        <translation>Lexikalische Vergleichsbasis</translation>
    </message>
    <message>
        <source>Add a BM25 row (Okapi BM25 on lowercased Unicode words, Lucene&apos;s formula) after the models: the lexical baseline to beat.</source>
        <translation>Eine BM25-Zeile nach den Modellen hinzufügen (Okapi BM25 auf kleingeschriebenen Unicode-Wörtern, Formel von Lucene): die lexikalische Vergleichsbasis, die es zu schlagen gilt.</translation>
    </message>
    <message>
        <source>BM25&apos;s term-frequency saturation k1 (Pyserini&apos;s MS MARCO setting: 0.9).</source>
        <translation>Sättigung der Termhäufigkeit k1 von BM25 (MS-MARCO-Einstellung von Pyserini: 0,9).</translation>
    </message>
    <message>
        <source>BM25&apos;s length normalisation b, from 0 (none) to 1 (full; Pyserini&apos;s MS MARCO setting: 0.4).</source>
        <translation>Längennormierung b von BM25, von 0 (keine) bis 1 (voll; MS-MARCO-Einstellung von Pyserini: 0,4).</translation>
    </message>
    <message>
        <source>BM25 leaves out English stop words (Lucene&apos;s list).</source>
        <translation>BM25 lässt englische Stoppwörter aus (Liste von Lucene).</translation>
    </message>
    <message>
        <source>BM25 stems English words (Snowball&apos;s Porter2).</source>
        <translation>BM25 reduziert englische Wörter auf ihren Stamm (Porter2 von Snowball).</translation>
    </message>
    <message>
        <source>Evaluation during training</source>
        <translation>Evaluation während des Trainings</translation>
    </message>
    <message>
        <source>Dev set evaluated during training, as eval reads it: a BEIR folder (corpus.jsonl, queries.jsonl, qrels/) or an MS MARCO queries JSONL with --eval_corpus (default: no evaluation).</source>
        <translation>Während des Trainings evaluierte Dev-Menge, wie eval sie liest: ein BEIR-Ordner (corpus.jsonl, queries.jsonl, qrels/) oder eine MS-MARCO-Anfragen-JSONL mit --eval_corpus (Standard: keine Evaluation).</translation>
    </message>
    <message>
        <source>The corpus JSONL of an MS MARCO eval_data (default: none; a BEIR folder has its own).</source>
        <translation>Die Korpus-JSONL zu einer MS-MARCO-eval_data (Standard: keine; ein BEIR-Ordner hat seine eigene).</translation>
    </message>
    <message>
        <source>Which qrels/&lt;split&gt;.tsv of a BEIR eval_data to use.</source>
        <translation>Welche qrels/&lt;split&gt;.tsv einer BEIR-eval_data verwendet wird.</translation>
    </message>
    <message>
        <source>When to evaluate: every eval_steps steps, at the end of every epoch, or no; always once before the first step (the base model) and after the last.</source>
        <translation>Wann evaluiert wird: alle eval_steps Schritte, am Ende jeder Epoche oder nie (no); immer einmal vor dem ersten Schritt (das Basismodell) und nach dem letzten.</translation>
    </message>
    <message>
        <source>Evaluate every N steps (0: every logging_steps).</source>
        <translation>Alle N Schritte evaluieren (0: alle logging_steps).</translation>
    </message>
    <message>
        <source>Texts per encoding batch when evaluating.</source>
        <translation>Texte je Kodierungs-Batch beim Evaluieren.</translation>
    </message>
    <message>
        <source>The dev metric that decides the best model and early stopping (higher is better).</source>
        <translation>Die Dev-Metrik, die über das beste Modell und den frühen Abbruch entscheidet (höher ist besser).</translation>
    </message>
    <message>
        <source>Write the best evaluated model, not the last one, at output_dir&apos;s root (kept in output_dir/best-model as the run goes).</source>
        <translation>Das beste evaluierte Modell statt des letzten in die Wurzel von output_dir schreiben (während des Laufs in output_dir/best-model aufbewahrt).</translation>
    </message>
    <message>
        <source>Stop after N evaluations in a row without a better metric_for_best_model (0: never stop early).</source>
        <translation>Nach N Evaluationen in Folge ohne besseres metric_for_best_model anhalten (0: nie früh anhalten).</translation>
    </message>
    <message>
        <source>Where the metrics also go: none, or tensorboard (event files under output_dir/runs/, for `tensorboard --logdir output_dir/runs`).</source>
        <translation>Wohin die Metriken zusätzlich gehen: none oder tensorboard (Ereignisdateien unter output_dir/runs/, für `tensorboard --logdir output_dir/runs`).</translation>
    </message>
    <message>
        <source>Longest query in tokens (default: max_len).</source>
        <translation>Längste Anfrage in Token (Standard: max_len).</translation>
    </message>
    <message>
        <source>Longest candidate in tokens (default: max_len).</source>
        <translation>Längster Kandidat in Token (Standard: max_len).</translation>
    </message>
    <message>
        <source>Queries searched per FAISS call: more use more memory.</source>
        <translation>Anfragen je FAISS-Suchaufruf: mehr brauchen mehr Speicher.</translation>
    </message>
    <message>
        <source>Which revision of a model named by hub id (org/name) to read from the Hugging Face cache: a branch, a tag or a commit hash.</source>
        <translation>Welche Revision eines per Hub-ID (org/name) benannten Modells aus dem Hugging-Face-Cache gelesen wird: ein Branch, ein Tag oder ein Commit-Hash.</translation>
    </message>
    <message>
        <source>The Hugging Face hub cache where a hub id (org/name) in model_name_or_path is looked up (default: $HF_HUB_CACHE, else $HF_HOME/hub, else ~/.cache/huggingface/hub).</source>
        <translation>Der Hugging-Face-Hub-Cache, in dem eine Hub-ID (org/name) in model_name_or_path gesucht wird (Standard: $HF_HUB_CACHE, sonst $HF_HOME/hub, sonst ~/.cache/huggingface/hub).</translation>
    </message>
    <message>
        <source>Which revision of a hub id in model_name_or_path to read from the cache: a branch, a tag or a commit hash.</source>
        <translation>Welche Revision einer Hub-ID in model_name_or_path aus dem Cache gelesen wird: ein Branch, ein Tag oder ein Commit-Hash.</translation>
    </message>
    <message>
        <source>Draw every global batch from one train_data file: each file&apos;s queries are shuffled and cut into batches, and the batches shuffled, so that in-batch negatives come from the same kind of data.</source>
        <translation>Jeden globalen Batch aus einer einzigen train_data-Datei ziehen: Die Anfragen jeder Datei werden gemischt und in Batches geteilt, die Batches gemischt, sodass In-Batch-Negative aus derselben Art von Daten stammen.</translation>
    </message>
    <message>
        <source>Train into an output_dir that already holds files, writing over them. Without it such a folder is refused, unless the run resumes from a checkpoint in it.</source>
        <translation>In ein output_dir trainieren, das bereits Dateien enthält, und sie überschreiben. Ohne diese Option wird ein solcher Ordner abgelehnt, außer der Lauf wird aus einem Checkpoint darin fortgesetzt.</translation>
    </message>
    <message>
        <source>How the instruction (or a line&apos;s &quot;prompt&quot;) and the query are joined: a Python format string with two {}, filled with the instruction and the query, e.g. &quot;&lt;instruct&gt;{}\n&lt;query&gt;{}&quot; (\n is a line break, as in the reference; used only with an instruction).</source>
        <translation>Wie die Instruktion (oder das &quot;prompt&quot; einer Zeile) und die Anfrage verbunden werden: ein Python-Formatstring mit zwei {}, gefüllt mit Instruktion und Anfrage, z. B. &quot;&lt;instruct&gt;{}\n&lt;query&gt;{}&quot; (\n ist ein Zeilenumbruch, wie in der Referenz; nur mit einer Instruktion verwendet).</translation>
    </message>
    <message>
        <source>How passage_instruction and the passage are joined: a Python format string with two {}, filled with the instruction and the passage (used only with an instruction).</source>
        <translation>Wie passage_instruction und die Passage verbunden werden: ein Python-Formatstring mit zwei {}, gefüllt mit Instruktion und Passage (nur mit einer Instruktion verwendet).</translation>
    </message>
    <message>
        <source>Pad each tokenized batch to a multiple of N tokens (e.g. 8 for tensor cores; 0: to its longest text only). The extra padding is masked.</source>
        <translation>Jeden tokenisierten Batch auf ein Vielfaches von N Token auffüllen (z. B. 8 für Tensor Cores; 0: nur bis zum längsten Text). Die zusätzliche Auffüllung wird maskiert.</translation>
    </message>
    <message>
        <source>Queries per worker and micro-batch. Larger batches give more in-batch negatives and usually better models; the gradient cache makes them fit in memory.</source>
        <translation>Anfragen je Worker und Mikro-Batch. Größere Batches geben mehr In-Batch-Negative und meist bessere Modelle; der Gradienten-Cache bringt sie im Speicher unter.</translation>
    </message>
    <message>
        <source>Micro-batches of per_device_train_batch_size per optimiser step, their gradients summed: a larger effective batch in the same memory. It does not add in-batch negatives (each micro-batch&apos;s loss sees only its own batch); --grad_cache does. Steps, the schedule, logging and checkpoints count optimiser steps.</source>
        <translation>Mikro-Batches von per_device_train_batch_size je Optimiererschritt, ihre Gradienten summiert: ein größerer effektiver Batch im selben Speicher. Es kommen keine In-Batch-Negative hinzu (der Verlust jedes Mikro-Batches sieht nur seinen eigenen Batch); --grad_cache leistet das. Schritte, Zeitplan, Protokoll und Checkpoints zählen Optimiererschritte.</translation>
    </message>
    <message>
        <source>The learning rate&apos;s course, as Hugging Face&apos;s: linear (warm-up, then down to 0), cosine (warm-up, then half a cosine to 0), constant (no warm-up) or constant_with_warmup.</source>
        <translation>Verlauf der Lernrate wie bei Hugging Face: linear (Aufwärmen, dann bis 0), cosine (Aufwärmen, dann eine halbe Kosinuskurve bis 0), constant (ohne Aufwärmen) oder constant_with_warmup.</translation>
    </message>
    <message>
        <source>Accepted for the reference&apos;s commands, without effect: EmbedLab reads the training files directly and keeps no dataset cache (default: none).</source>
        <translation>Für die Befehle der Referenz angenommen, ohne Wirkung: EmbedLab liest die Trainingsdateien direkt und hält keinen Datensatz-Cache (Standard: keiner).</translation>
    </message>
    <message>
        <source>Pre-training</source>
        <translation>Vortraining</translation>
    </message>
    <message>
        <source>Training files of {&quot;query&quot;, &quot;pos&quot;, &quot;neg&quot;} lines; a folder stands for every .jsonl file directly in it, by name. Pre-training also reads {&quot;text&quot;} lines (candidate pools) and learns from every distinct text.</source>
        <translation>Trainingsdateien aus {&quot;query&quot;, &quot;pos&quot;, &quot;neg&quot;}-Zeilen; ein Ordner steht für jede .jsonl-Datei direkt darin, nach Namen geordnet. Das Vortraining liest auch {&quot;text&quot;}-Zeilen (Kandidatenpools) und lernt aus jedem einzelnen Text einmal.</translation>
    </message>
    <message>
        <source>The kind of model: embedding, a bi-encoder (contrastive loss on embeddings); reranker, a cross-encoder reading query and passage together (start it from a pretrained model: from random weights it barely learns); or pretrain, an encoder pre-trained on the texts alone (method), to fine-tune afterwards.</source>
        <translation>Die Art des Modells: embedding, ein Bi-Encoder (kontrastiver Verlust auf Embeddings); reranker, ein Cross-Encoder, der Anfrage und Passage zusammen liest (von einem vortrainierten Modell aus starten: aus zufälligen Gewichten lernt er kaum); oder pretrain, ein nur auf den Texten vortrainierter Encoder (method), der danach feinabgestimmt wird.</translation>
    </message>
    <message>
        <source>Longest text in tokens when pre-training; longer texts are cut.</source>
        <translation>Längster Text in Tokens beim Vortraining; längere Texte werden gekürzt.</translation>
    </message>
    <message>
        <source>Mask whole words (all their pieces together) instead of single tokens, so the model cannot fill half a word from its other half.</source>
        <translation>Ganze Wörter maskieren (alle ihre Teile zusammen) statt einzelner Tokens, damit das Modell ein halbes Wort nicht aus der anderen Hälfte ergänzen kann.</translation>
    </message>
    <message>
        <source>How pre-training learns from the texts: mlm (BERT&apos;s masked language modelling) or retromae (an encoder whose [CLS] embedding a one-layer decoder must use to rebuild a heavily masked copy of the text, FlagEmbedding&apos;s pre-training for retrieval).</source>
        <translation>Wie das Vortraining aus den Texten lernt: mlm (BERTs Masked Language Modelling) oder retromae (ein Encoder, dessen [CLS]-Embedding ein einschichtiger Decoder nutzen muss, um eine stark maskierte Kopie des Textes wiederherzustellen; das Vortraining von FlagEmbedding für Retrieval).</translation>
    </message>
    <message>
        <source>Share of tokens the model must predict with mlm (of them 80% become [MASK], 10% a random token, 10% stay).</source>
        <translation>Anteil der Tokens, die das Modell mit mlm vorhersagen muss (davon werden 80 % zu [MASK], 10 % zu einem zufälligen Token, 10 % bleiben).</translation>
    </message>
    <message>
        <source>Share of tokens masked in the encoder&apos;s input with retromae.</source>
        <translation>Anteil der in der Eingabe des Encoders maskierten Tokens bei retromae.</translation>
    </message>
    <message>
        <source>Share of tokens each retromae decoder position may not see (besides itself) when it rebuilds the text from the [CLS] embedding.</source>
        <translation>Anteil der Tokens, die jede retromae-Decoder-Position (außer sich selbst) nicht sehen darf, wenn sie den Text aus dem [CLS]-Embedding wiederherstellt.</translation>
    </message>
</context>
<context>
    <name>PlotExport</name>
    <message>
        <source>Export plot</source>
        <translation>Diagramm exportieren</translation>
    </message>
    <message>
        <source>PNG image (*.png);;JPEG image (*.jpg *.jpeg);;PDF document (*.pdf);;SVG drawing (*.svg)</source>
        <translation>PNG-Bild (*.png);;JPEG-Bild (*.jpg *.jpeg);;PDF-Dokument (*.pdf);;SVG-Zeichnung (*.svg)</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>%1 konnte nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>Export plot...</source>
        <translation>Diagramm exportieren...</translation>
    </message>
</context>
<context>
    <name>ValidationSummary</name>
    <message>
        <source>training data</source>
        <translation>Trainingsdaten</translation>
    </message>
    <message>
        <source>candidate pool</source>
        <translation>Kandidatenpool</translation>
    </message>
    <message>
        <source>corpus</source>
        <translation>Korpus</translation>
    </message>
    <message>
        <source>queries</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>relevance judgments</source>
        <translation>Relevanzurteile</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>min %1  median %2  p95 %3  max %4  mean %5</source>
        <translation>Min. %1  Median %2  p95 %3  Max. %4  Mittel %5</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>(BEIR layout)</source>
        <translation>(BEIR-Layout)</translation>
    </message>
    <message>
        <source>(MS MARCO-style layout)</source>
        <translation>(Layout im Stil von MS MARCO)</translation>
    </message>
    <message>
        <source>%1 lines, %2 bytes</source>
        <translation>%1 Zeilen, %2 Bytes</translation>
    </message>
    <message>
        <source>records</source>
        <translation>Datensätze</translation>
    </message>
    <message>
        <source>%1 valid, %2 invalid, %3 blank</source>
        <translation>%1 gültig, %2 ungültig, %3 leer</translation>
    </message>
    <message>
        <source>encoding notes</source>
        <translation>Hinweise zur Kodierung</translation>
    </message>
    <message>
        <source>UTF-8 byte-order mark (accepted)</source>
        <translation>UTF-8-Bytereihenfolgemarke (akzeptiert)</translation>
    </message>
    <message>
        <source>%1 CRLF line ends (accepted)</source>
        <translation>%1 CRLF-Zeilenenden (akzeptiert)</translation>
    </message>
    <message>
        <source>positives per query</source>
        <translation>Positive pro Anfrage</translation>
    </message>
    <message>
        <source>negatives per query</source>
        <translation>Negative pro Anfrage</translation>
    </message>
    <message>
        <source>queries without negatives</source>
        <translation>Anfragen ohne Negative</translation>
    </message>
    <message>
        <source>%1 (negatives are then sampled from the corpus; mining finds hard ones)</source>
        <translation>%1 (Negative werden dann aus dem Korpus gezogen; Mining findet schwierige)</translation>
    </message>
    <message>
        <source>query length (characters)</source>
        <translation>Anfragelänge (Zeichen)</translation>
    </message>
    <message>
        <source>positive length (characters)</source>
        <translation>Länge der Positiven (Zeichen)</translation>
    </message>
    <message>
        <source>negative length (characters)</source>
        <translation>Länge der Negativen (Zeichen)</translation>
    </message>
    <message>
        <source>queries with teacher scores</source>
        <translation>Anfragen mit Lehrer-Scores</translation>
    </message>
    <message>
        <source>queries with a prompt</source>
        <translation>Anfragen mit Prompt</translation>
    </message>
    <message>
        <source>text length (characters)</source>
        <translation>Textlänge (Zeichen)</translation>
    </message>
    <message>
        <source>judged queries</source>
        <translation>bewertete Anfragen</translation>
    </message>
    <message>
        <source>judgments per query</source>
        <translation>Urteile pro Anfrage</translation>
    </message>
    <message>
        <source>Valid (%1 errors, %2 warnings)</source>
        <translation>Gültig (%1 Fehler, %2 Warnungen)</translation>
    </message>
    <message>
        <source>Invalid (%1 errors, %2 warnings)</source>
        <translation>Ungültig (%1 Fehler, %2 Warnungen)</translation>
    </message>
</context>
<context>
    <name>embedlab::gui::GuidedDemo</name>
    <message>
        <source>Mining failed: %1</source>
        <translation>Mining fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation>Training fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Evaluation failed: %1</source>
        <translation>Evaluation fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Fitting thresholds failed: %1</source>
        <translation>Anpassen der Schwellenwerte fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>The demo needs %1, which is missing (scripts/run.sh or scripts/demo-pipeline.sh --prepare-only prepares a demo workspace).</source>
        <translation>Die Demo braucht %1, das fehlt (scripts/run.sh oder scripts/demo-pipeline.sh --prepare-only bereitet einen Demo-Arbeitsbereich vor).</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Training could not start: %1</source>
        <translation>Training konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>Demo: creating the base model (a small random BERT)</source>
        <translation>Demo: das Basismodell wird erstellt (ein kleines zufälliges BERT)</translation>
    </message>
    <message>
        <source>Creating the base model failed: %1</source>
        <translation>Das Basismodell konnte nicht erstellt werden: %1</translation>
    </message>
    <message>
        <source>Pre-training failed: %1</source>
        <translation>Vortraining fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>pre-training the base model on the training file&apos;s texts (%1 steps of masked language modelling)</source>
        <translation>Vortraining des Basismodells auf den Texten der Trainingsdatei (%1 Schritte Masked Language Modelling)</translation>
    </message>
    <message>
        <source>Pre-training could not start: %1</source>
        <translation>Vortraining konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>Demo %1/%2: %3</source>
        <translation>Demo %1/%2: %3</translation>
    </message>
    <message>
        <source>previewing the base model&apos;s ranking of 50 training queries</source>
        <translation>Vorschau der Rangfolge des Basismodells für 50 Trainingsanfragen</translation>
    </message>
    <message>
        <source>mining %1 negatives per query from ranks %2-%3</source>
        <translation>%1 Negative pro Anfrage aus den Rängen %2-%3 minen</translation>
    </message>
    <message>
        <source>fine-tuning the pre-trained model on the mined data</source>
        <translation>Feinabstimmung des vortrainierten Modells auf den geminten Daten</translation>
    </message>
    <message>
        <source>fine-tuning the base model on the mined data</source>
        <translation>Feinabstimmung des Basismodells auf den geminten Daten</translation>
    </message>
    <message>
        <source>evaluating the base and the tuned model on dev/</source>
        <translation>Basis- und abgestimmtes Modell auf dev/ evaluieren</translation>
    </message>
    <message>
        <source>fitting similarity thresholds for the tuned model</source>
        <translation>Ähnlichkeitsschwellen für das abgestimmte Modell anpassen</translation>
    </message>
</context>
<context>
    <name>embedlab::gui::HelpBrowser</name>
    <message>
        <source>Tutorial - EmbedLab</source>
        <translation>Tutorial - EmbedLab</translation>
    </message>
    <message>
        <source>User Manual - EmbedLab</source>
        <translation>Benutzerhandbuch - EmbedLab</translation>
    </message>
    <message>
        <source>Command-Line Reference - EmbedLab</source>
        <translation>Befehlszeilenreferenz - EmbedLab</translation>
    </message>
</context>
<context>
    <name>embedlab::gui::MainWindow</name>
    <message>
        <source>Datasets</source>
        <translation>Datensätze</translation>
    </message>
    <message>
        <source>Mining</source>
        <translation>Mining</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>Evaluation</translation>
    </message>
    <message>
        <source>Thresholds</source>
        <translation>Schwellenwerte</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Slow BLAS: see tooltip</source>
        <translation>Langsames BLAS: siehe Tooltip</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open Workspace...</source>
        <translation>&amp;Arbeitsbereich öffnen...</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About EmbedLab</source>
        <translation>Ü&amp;ber EmbedLab</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>%1 - EmbedLab</source>
        <translation>%1 - EmbedLab</translation>
    </message>
    <message>
        <source>Cannot open workspace</source>
        <translation>Arbeitsbereich kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>%1 cannot be opened as a workspace:
%2</source>
        <translation>%1 kann nicht als Arbeitsbereich geöffnet werden:
%2</translation>
    </message>
    <message>
        <source>Open Workspace</source>
        <translation>Arbeitsbereich öffnen</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Clear List</source>
        <translation>Liste &amp;leeren</translation>
    </message>
    <message>
        <source>Open &amp;Data File...</source>
        <translation>Datendatei ö&amp;ffnen...</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Preferences...</source>
        <translation>&amp;Einstellungen...</translation>
    </message>
    <message>
        <source>Open Data File</source>
        <translation>Datendatei öffnen</translation>
    </message>
    <message>
        <source>Data files (*.jsonl *.tsv);;All files (*)</source>
        <translation>Datendateien (*.jsonl *.tsv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>A training run is going</source>
        <translation>Ein Trainingslauf ist im Gange</translation>
    </message>
    <message>
        <source>Leave the training run running after EmbedLab closes, or stop it with a checkpoint?</source>
        <translation>Den Trainingslauf nach dem Schließen von EmbedLab weiterlaufen lassen oder mit einem Checkpoint anhalten?</translation>
    </message>
    <message>
        <source>Leave it running</source>
        <translation>Weiterlaufen lassen</translation>
    </message>
    <message>
        <source>Stop it</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Run the &amp;Demo</source>
        <translation>&amp;Demo ausführen</translation>
    </message>
    <message>
        <source>Mine, train, evaluate and fit thresholds on the demo workspace, in the panels</source>
        <translation>Im Demo-Arbeitsbereich minen, trainieren, evaluieren und Schwellen anpassen, in den Bereichen</translation>
    </message>
    <message>
        <source>Demo finished: the History panel holds its jobs.</source>
        <translation>Demo fertig: Der Bereich Verlauf enthält ihre Aufträge.</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>Demo</translation>
    </message>
    <message>
        <source>&amp;Tutorial: Five Minutes with the Demo</source>
        <translation>&amp;Tutorial: Fünf Minuten mit der Demo</translation>
    </message>
    <message>
        <source>User &amp;Manual</source>
        <translation>Benutzer&amp;handbuch</translation>
    </message>
    <message>
        <source>&amp;Command-Line Reference</source>
        <translation>&amp;Befehlszeilenreferenz</translation>
    </message>
    <message>
        <source>Run the Demo</source>
        <translation>Demo ausführen</translation>
    </message>
    <message>
        <source>%1 exists: it may be your own mined data. The demo mines the training file again.</source>
        <translation>%1 existiert: Es können Ihre eigenen geminten Daten sein. Die Demo mint die Trainingsdatei erneut.</translation>
    </message>
    <message>
        <source>Keep it, write the demo&apos;s beside it</source>
        <translation>Behalten, die der Demo daneben schreiben</translation>
    </message>
    <message>
        <source>Replace it</source>
        <translation>Ersetzen</translation>
    </message>
    <message>
        <source>Workspace settings ignored</source>
        <translation>Arbeitsbereichseinstellungen ignoriert</translation>
    </message>
    <message>
        <source>The workspace&apos;s settings cannot be used:
%1</source>
        <translation>Die Einstellungen des Arbeitsbereichs können nicht verwendet werden:
%1</translation>
    </message>
    <message>
        <source>Workspaces</source>
        <translation>Arbeitsbereiche</translation>
    </message>
    <message>
        <source>Data files</source>
        <translation>Datendateien</translation>
    </message>
    <message>
        <source>Run the Demo with &amp;Pre-training</source>
        <translation>Demo mit &amp;Vortraining ausführen</translation>
    </message>
    <message>
        <source>The demo, with the base model first pre-trained on the training file&apos;s own texts (masked language modelling, a few minutes)</source>
        <translation>Die Demo, bei der das Basismodell zuerst auf den eigenen Texten der Trainingsdatei vortrainiert wird (Masked Language Modelling, einige Minuten)</translation>
    </message>
</context>
<context>
    <name>embedlab::gui::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>automatisch</translation>
    </message>
    <message>
        <source>CPU threads for LibTorch and BLAS. Automatic uses what EmbedLab measured to be fastest on this machine. Applies at the next start; --threads overrides it.</source>
        <translation>CPU-Threads für LibTorch und BLAS. „Automatisch“ verwendet den Wert, den EmbedLab auf diesem Rechner als am schnellsten gemessen hat. Wirkt ab dem nächsten Start; --threads hat Vorrang.</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>CPU &amp;threads:</source>
        <translation>CPU-&amp;Threads:</translation>
    </message>
    <message>
        <source>The number of threads applies at the next start; the language changes at once.</source>
        <translation>Die Anzahl der Threads gilt ab dem nächsten Start; die Sprache wechselt sofort.</translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::CliJob</name>
    <message>
        <source>cannot start %1: %2</source>
        <translation>%1 kann nicht gestartet werden: %2</translation>
    </message>
    <message>
        <source>embedlab-cli crashed</source>
        <translation>embedlab-cli ist abgestürzt</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>angehalten</translation>
    </message>
    <message>
        <source>embedlab-cli exited with status %1</source>
        <translation>embedlab-cli wurde mit Status %1 beendet</translation>
    </message>
    <message>
        <source>cannot start %1</source>
        <translation>%1 kann nicht gestartet werden</translation>
    </message>
    <message>
        <source>embedlab-cli ended without a result (was it killed?)</source>
        <translation>embedlab-cli endete ohne Ergebnis (wurde es beendet?)</translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::DatasetsPanel</name>
    <message>
        <source>evaluation set (BEIR)</source>
        <translation>Evaluationsdatensatz (BEIR)</translation>
    </message>
    <message>
        <source>unknown kind</source>
        <translation>unbekannte Art</translation>
    </message>
    <message>
        <source>training data</source>
        <translation>Trainingsdaten</translation>
    </message>
    <message>
        <source>candidate pool</source>
        <translation>Kandidatenpool</translation>
    </message>
    <message>
        <source>corpus</source>
        <translation>Korpus</translation>
    </message>
    <message>
        <source>queries</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>relevance judgments</source>
        <translation>Relevanzurteile</translation>
    </message>
    <message>
        <source>positives</source>
        <translation>Positive</translation>
    </message>
    <message>
        <source>negatives</source>
        <translation>Negative</translation>
    </message>
    <message>
        <source>passages</source>
        <translation>Passagen</translation>
    </message>
    <message>
        <source>pool texts</source>
        <translation>Pool-Texte</translation>
    </message>
    <message>
        <source>%1 queries, %2 passages</source>
        <translation>%1 Anfragen, %2 Passagen</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n Datensatz</numerusform>
            <numerusform>%n Datensätze</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop validating; datasets not yet checked stay unchecked</source>
        <translation>Prüfung abbrechen; noch nicht geprüfte Datensätze bleiben ungeprüft</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>No datasets in %1</source>
        <translation>Keine Datensätze in %1</translation>
    </message>
    <message>
        <source>A workspace holds training files ({&quot;query&quot;, &quot;pos&quot;, &quot;neg&quot;} JSONL), candidate pools ({&quot;text&quot;} JSONL) and evaluation folders (corpus.jsonl, queries.jsonl, qrels/test.tsv). Add some and reopen the workspace.</source>
        <translation>Ein Arbeitsbereich enthält Trainingsdateien ({&quot;query&quot;, &quot;pos&quot;, &quot;neg&quot;} JSONL), Kandidatenpools ({&quot;text&quot;} JSONL) und Evaluationsordner (corpus.jsonl, queries.jsonl, qrels/test.tsv). Solche Dateien hinzufügen und den Arbeitsbereich erneut öffnen.</translation>
    </message>
    <message>
        <source>Validating %1: %p%</source>
        <translation>%1 wird geprüft: %p%</translation>
    </message>
    <message>
        <source>not checked yet</source>
        <translation>noch nicht geprüft</translation>
    </message>
    <message>
        <source>validation cancelled</source>
        <translation>Prüfung abgebrochen</translation>
    </message>
    <message>
        <source>cannot validate</source>
        <translation>Prüfung nicht möglich</translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n Fehler</numerusform>
            <numerusform>%n Fehler</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, valid with warnings</source>
        <translation>%1, gültig mit Warnungen</translation>
    </message>
    <message>
        <source>%1, valid</source>
        <translation>%1, gültig</translation>
    </message>
    <message>
        <source>Validation of this dataset has not finished yet.</source>
        <translation>Die Prüfung dieses Datensatzes ist noch nicht abgeschlossen.</translation>
    </message>
    <message>
        <source>Validation was cancelled. Reopen the workspace to check again.</source>
        <translation>Die Prüfung wurde abgebrochen. Zum erneuten Prüfen den Arbeitsbereich erneut öffnen.</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Problems and summary</source>
        <translation>Probleme und Zusammenfassung</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Datensätze</translation>
    </message>
    <message>
        <source>Click to see line %1 in the Records tab</source>
        <translation>Klicken, um Zeile %1 im Reiter „Datensätze“ anzuzeigen</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>Statistik</translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::EncodingPrecisionBoxes</name>
    <message>
        <source>Encode in &amp;bf16</source>
        <translation>In &amp;bf16 kodieren</translation>
    </message>
    <message>
        <source>Encode in int&amp;8</source>
        <translation>In int&amp;8 kodieren</translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::EvaluationPanel</name>
    <message>
        <source>Evaluate</source>
        <translation>Evaluieren</translation>
    </message>
    <message>
        <source>Models:</source>
        <translation>Modelle:</translation>
    </message>
    <message>
        <source>Evaluation set:</source>
        <translation>Evaluationsdatensatz:</translation>
    </message>
    <message>
        <source>Split:</source>
        <translation>Split:</translation>
    </message>
    <message>
        <source>max_len:</source>
        <translation>max_len:</translation>
    </message>
    <message>
        <source>query_max_len:</source>
        <translation>query_max_len:</translation>
    </message>
    <message>
        <source>Query instruction:</source>
        <translation>Anfrageanweisung:</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Compare with and without the instruction</source>
        <translation>Mit und ohne Anweisung vergleichen</translation>
    </message>
    <message>
        <source>&amp;Run evaluation</source>
        <translation>Evaluation &amp;starten</translation>
    </message>
    <message>
        <source>&lt;b&gt;Query by query&lt;/b&gt;: rank of the first relevant document</source>
        <translation>&lt;b&gt;Anfrage für Anfrage&lt;/b&gt;: Rang des ersten relevanten Dokuments</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Vergleichen</translation>
    </message>
    <message>
        <source>against</source>
        <translation>mit</translation>
    </message>
    <message>
        <source>biggest gains first</source>
        <translation>größte Verbesserungen zuerst</translation>
    </message>
    <message>
        <source>biggest losses first</source>
        <translation>größte Verschlechterungen zuerst</translation>
    </message>
    <message>
        <source>Rank before</source>
        <translation>Rang vorher</translation>
    </message>
    <message>
        <source>Rank after</source>
        <translation>Rang nachher</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <source>A workspace needs a model folder and a BEIR evaluation folder (corpus.jsonl, queries.jsonl, qrels/) to evaluate.</source>
        <translation>Zum Evaluieren braucht ein Arbeitsbereich einen Modellordner und einen BEIR-Evaluationsordner (corpus.jsonl, queries.jsonl, qrels/).</translation>
    </message>
    <message>
        <source>Check a model or more and choose an evaluation set.</source>
        <translation>Ein oder mehrere Modelle anhaken und einen Evaluationsdatensatz auswählen.</translation>
    </message>
    <message numerus="yes">
        <source>Evaluating %n model(s)...</source>
        <translation>
            <numerusform>%n Modell wird evaluiert...</numerusform>
            <numerusform>%n Modelle werden evaluiert...</numerusform>
        </translation>
    </message>
    <message>
        <source>The evaluation failed: %1</source>
        <translation>Die Evaluation ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>Results in %1.</source>
        <translation>Ergebnisse in %1.</translation>
    </message>
    <message>
        <source>not in the top k</source>
        <translation>nicht unter den Top k</translation>
    </message>
    <message>
        <source>found</source>
        <translation>gefunden</translation>
    </message>
    <message>
        <source>lost</source>
        <translation>verloren</translation>
    </message>
    <message>
        <source>(reading the evaluation set...)</source>
        <translation>(Evaluationsdatensatz wird gelesen...)</translation>
    </message>
    <message>
        <source>Query %1:
%2

Relevant:
%3</source>
        <translation>Anfrage %1:
%2

Relevant:
%3</translation>
    </message>
    <message>
        <source>&lt;b&gt;Metrics&lt;/b&gt; (the best model of each row in bold)</source>
        <translation>&lt;b&gt;Metriken&lt;/b&gt; (das beste Modell jeder Zeile fett)</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Metrik</translation>
    </message>
    <message>
        <source>Query instruction: none</source>
        <translation>Anfrageanweisung: keine</translation>
    </message>
    <message>
        <source>Query instruction: %1</source>
        <translation>Anfrageanweisung: %1</translation>
    </message>
    <message>
        <source>Cannot write the job&apos;s options to %1.</source>
        <translation>Die Optionen des Auftrags können nicht nach %1 geschrieben werden.</translation>
    </message>
    <message>
        <source>BM25 baseline (keyword search)</source>
        <translation>BM25-Vergleichsbasis (Stichwortsuche)</translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::HistoryPanel</name>
    <message>
        <source>Not saved</source>
        <translation>Nicht gespeichert</translation>
    </message>
    <message>
        <source>Search names, tags, notes, options...</source>
        <translation>Namen, Tags, Notizen, Optionen durchsuchen...</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>Alle Arten</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Beliebiger Status</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Vergleichen</translation>
    </message>
    <message>
        <source>Select two runs or more (Ctrl+click) to compare them</source>
        <translation>Zwei oder mehr Läufe auswählen (Strg+Klick), um sie zu vergleichen</translation>
    </message>
    <message>
        <source>Delete...</source>
        <translation>Löschen...</translation>
    </message>
    <message>
        <source>History unavailable: %1</source>
        <translation>Verlauf nicht verfügbar: %1</translation>
    </message>
    <message>
        <source>History database: %1</source>
        <translation>Verlaufsdatenbank: %1</translation>
    </message>
    <message>
        <source>Delete runs</source>
        <translation>Läufe löschen</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n run(s) from the history? Their metrics, results and notes go with them.</source>
        <translation>
            <numerusform>%n Lauf aus dem Verlauf löschen? Seine Metriken, Ergebnisse und Notizen werden mitgelöscht.</numerusform>
            <numerusform>%n Läufe aus dem Verlauf löschen? Ihre Metriken, Ergebnisse und Notizen werden mitgelöscht.</numerusform>
        </translation>
    </message>
    <message>
        <source>Also delete their output files and run folders</source>
        <translation>Auch ihre Ausgabedateien und Laufordner löschen</translation>
    </message>
    <message>
        <source>%1 kept: it does not look like a run folder</source>
        <translation>%1 beibehalten: sieht nicht wie ein Laufordner aus</translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::JobControls</name>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>%1: %p%, about %2 s left</source>
        <translation>%1: %p%, noch etwa %2 s</translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::LengthHistogram</name>
    <message>
        <source>share of texts (%)</source>
        <translation>Anteil der Texte (%)</translation>
    </message>
    <message>
        <source>%1 (median %2)</source>
        <translation>%1 (Median %2)</translation>
    </message>
    <message>
        <source>length in characters (log scale)</source>
        <translation>Länge in Zeichen (logarithmisch)</translation>
    </message>
    <message>
        <source>The last bin holds every text above the 99th percentile.</source>
        <translation>Die letzte Klasse enthält alle Texte oberhalb des 99. Perzentils.</translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::MergeSweepView</name>
    <message>
        <source>&lt;b&gt;Merge trade-off&lt;/b&gt; (embedlab-cli merge --sweep)</source>
        <translation>&lt;b&gt;Abwägung beim Zusammenführen&lt;/b&gt; (embedlab-cli merge --sweep)</translation>
    </message>
    <message>
        <source>weight of the first model</source>
        <translation>Gewicht des ersten Modells</translation>
    </message>
    <message>
        <source>target set</source>
        <translation>Zieldatensatz</translation>
    </message>
    <message>
        <source>general set</source>
        <translation>allgemeiner Datensatz</translation>
    </message>
    <message>
        <source>The dashed line: the weight the merged model was written with (%1).</source>
        <translation>Die gestrichelte Linie: das Gewicht, mit dem das zusammengeführte Modell geschrieben wurde (%1).</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::MiningPanel</name>
    <message>
        <source>Write the mined training data to</source>
        <translation>Geminte Trainingsdaten speichern unter</translation>
    </message>
    <message>
        <source>Training data (*.jsonl)</source>
        <translation>Trainingsdaten (*.jsonl)</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>Stichprobe</translation>
    </message>
    <message>
        <source>Selection (updates the preview at once)</source>
        <translation>Auswahl (aktualisiert die Vorschau sofort)</translation>
    </message>
    <message>
        <source>Mine the whole file</source>
        <translation>Die ganze Datei minen</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>&amp;Modell:</translation>
    </message>
    <message>
        <source>&amp;Training file:</source>
        <translation>&amp;Trainingsdatei:</translation>
    </message>
    <message>
        <source>Candidate &amp;pool:</source>
        <translation>Kandidaten&amp;pool:</translation>
    </message>
    <message>
        <source>(the file&apos;s own positives and negatives)</source>
        <translation>(die eigenen Positiven und Negativen der Datei)</translation>
    </message>
    <message>
        <source>Where negatives come from: the unique positives and negatives of the training file (the reference&apos;s rule), or a pool of {&quot;text&quot;} lines</source>
        <translation>Woher die Negative stammen: die verschiedenen Positiven und Negativen der Trainingsdatei (die Regel der Referenz) oder ein Kandidatenpool aus {&quot;text&quot;}-Zeilen</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Durchsuchen...</translation>
    </message>
    <message>
        <source>&amp;Queries in the sample:</source>
        <translation>&amp;Anfragen in der Stichprobe:</translation>
    </message>
    <message>
        <source>S&amp;eed:</source>
        <translation>S&amp;eed:</translation>
    </message>
    <message>
        <source>Max &amp;length (tokens):</source>
        <translation>Max. &amp;Länge (Token):</translation>
    </message>
    <message>
        <source>&amp;Search the sample</source>
        <translation>&amp;Stichprobe durchsuchen</translation>
    </message>
    <message>
        <source>Embed the candidates and the sampled queries once; the settings below then re-select without encoding again</source>
        <translation>Die Kandidaten und die Anfragen der Stichprobe einmal einbetten; die Einstellungen darunter wählen dann ohne erneutes Kodieren neu aus</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>range_for_sampling:</source>
        <translation>range_for_sampling:</translation>
    </message>
    <message>
        <source>negative_number:</source>
        <translation>negative_number:</translation>
    </message>
    <message>
        <source>Sampling:</source>
        <translation>Auswahlverfahren:</translation>
    </message>
    <message>
        <source>random in the range (the reference)</source>
        <translation>zufällig im Bereich (Referenz)</translation>
    </message>
    <message>
        <source>the top of the range</source>
        <translation>die obersten Ränge des Bereichs</translation>
    </message>
    <message>
        <source>relative_margin:</source>
        <translation>relative_margin:</translation>
    </message>
    <message>
        <source>absolute_margin:</source>
        <translation>absolute_margin:</translation>
    </message>
    <message>
        <source>max_score:</source>
        <translation>max_score:</translation>
    </message>
    <message>
        <source>&amp;Mine all...</source>
        <translation>Alles mi&amp;nen...</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>Rang</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Einstufung</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>score against the query</source>
        <translation>Score gegenüber der Anfrage</translation>
    </message>
    <message>
        <source>share of each kind (%)</source>
        <translation>Anteil je Art (%)</translation>
    </message>
    <message>
        <source>Model folder</source>
        <translation>Modellordner</translation>
    </message>
    <message>
        <source>Data file</source>
        <translation>Datendatei</translation>
    </message>
    <message>
        <source>JSONL (*.jsonl)</source>
        <translation>JSONL (*.jsonl)</translation>
    </message>
    <message>
        <source>Choose a model folder and a training file first.</source>
        <translation>Zuerst einen Modellordner und eine Trainingsdatei auswählen.</translation>
    </message>
    <message>
        <source>Embedding and searching: %p%</source>
        <translation>Einbetten und Suchen: %p%</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>%1
  line %2 · %3 negatives</source>
        <translation>%1
  Zeile %2 · %3 Negative</translation>
    </message>
    <message>
        <source>positive</source>
        <translation>Positiv</translation>
    </message>
    <message>
        <source>dropped: probable false negative</source>
        <translation>verworfen: wahrscheinlich falsch negativ</translation>
    </message>
    <message>
        <source>above the margin</source>
        <translation>oberhalb der Marge</translation>
    </message>
    <message>
        <source>chosen negative</source>
        <translation>ausgewähltes Negativ</translation>
    </message>
    <message>
        <source>in range, not drawn</source>
        <translation>im Bereich, nicht gezogen</translation>
    </message>
    <message>
        <source>outside the range</source>
        <translation>außerhalb des Bereichs</translation>
    </message>
    <message>
        <source>positives (%1)</source>
        <translation>Positive (%1)</translation>
    </message>
    <message>
        <source>chosen negatives (%1)</source>
        <translation>ausgewählte Negative (%1)</translation>
    </message>
    <message>
        <source>dropped as false negatives (%1)</source>
        <translation>als Falsch-Negative verworfen (%1)</translation>
    </message>
    <message>
        <source>Choose a model and a training file, then search a sample of its queries to see what a range and a margin would choose.</source>
        <translation>Ein Modell und eine Trainingsdatei auswählen, dann eine Stichprobe ihrer Anfragen durchsuchen, um zu sehen, was ein Bereich und eine Marge auswählen würden.</translation>
    </message>
    <message>
        <source>%1 of %2 queries, %3 candidates. In the range: %4 candidates; dropped: %5 positive or the query, %6 by the margins and max_score; %7 negatives chosen, %8 queries short. %9 queries have a positive ranked inside the range.</source>
        <translation>%1 von %2 Anfragen, %3 Kandidaten. Im Bereich: %4 Kandidaten; verworfen: %5 als Positive oder als die Anfrage selbst, %6 durch die Margen und max_score; %7 Negative ausgewählt, %8 Anfragen mit zu wenigen Negativen. Bei %9 Anfragen liegt ein Positiv innerhalb des Bereichs.</translation>
    </message>
    <message>
        <source>Mining %1...</source>
        <translation>Mining von %1...</translation>
    </message>
    <message>
        <source>Mined %1: %2 negatives chosen, %3 queries short of negatives.</source>
        <translation>%1 gemint: %2 Negative gewählt, %3 Anfragen mit zu wenigen Negativen.</translation>
    </message>
    <message>
        <source>rank %1 (score %2)</source>
        <translation>Rang %1 (Score %2)</translation>
    </message>
    <message>
        <source>This query&apos;s positive is not among the %1 hits listed: it is at %2 of %3 candidates.</source>
        <translation>Das Positive dieser Anfrage ist nicht unter den %1 aufgelisteten Treffern: Es steht auf %2 von %3 Kandidaten.</translation>
    </message>
    <message>
        <source>relative_margin %1 drops every candidate: each scores above %2 x its query&apos;s lowest positive score. This model&apos;s scores are too close together for this margin (a random or untuned model&apos;s are): lower the margin or turn it off.</source>
        <translation>relative_margin %1 verwirft jeden Kandidaten: Jeder liegt über %2 x dem niedrigsten Score eines Positiven seiner Anfrage. Die Scores dieses Modells liegen für diesen Abstand zu dicht beieinander (wie bei einem zufälligen oder nicht abgestimmten Modell): den Abstand verringern oder ausschalten.</translation>
    </message>
    <message>
        <source>These settings cannot be mined: %1</source>
        <translation>Mit diesen Einstellungen kann nicht gemined werden: %1</translation>
    </message>
    <message>
        <source>Cannot write the job&apos;s options to %1.</source>
        <translation>Die Optionen des Auftrags können nicht nach %1 geschrieben werden.</translation>
    </message>
    <message>
        <source>Mining failed: %1</source>
        <translation>Mining fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::RecordBrowser</name>
    <message>
        <source>raw line %1:
%2</source>
        <translation>Rohzeile %1:
%2</translation>
    </message>
    <message>
        <source>Select a record to see it in full</source>
        <translation>Einen Datensatz auswählen, um ihn vollständig anzuzeigen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message numerus="yes">
        <source>%1: the first %n line(s), indexing the whole file...</source>
        <translation>
            <numerusform>%1: erste %n Zeile, die ganze Datei wird indiziert...</numerusform>
            <numerusform>%1: erste %n Zeilen, die ganze Datei wird indiziert...</numerusform>
        </translation>
    </message>
    <message>
        <source>indexing cancelled; the first lines are shown</source>
        <translation>Indizierung abgebrochen; die ersten Zeilen werden angezeigt</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n line(s)</source>
        <translation>
            <numerusform>%1: %n Zeile</numerusform>
            <numerusform>%1: %n Zeilen</numerusform>
        </translation>
    </message>
    <message>
        <source>Search queries, positives and negatives...</source>
        <translation>Anfragen, Positive und Negative durchsuchen...</translation>
    </message>
    <message>
        <source>Regular expression</source>
        <translation>Regulärer Ausdruck</translation>
    </message>
    <message>
        <source>Only invalid lines</source>
        <translation>Nur ungültige Zeilen</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>search cancelled</source>
        <translation>Suche abgebrochen</translation>
    </message>
    <message>
        <source>%1: %2 of %3 lines match</source>
        <translation>%1: %2 von %3 Zeilen passen</translation>
    </message>
    <message>
        <source>Stop indexing or searching; what is there stays browsable</source>
        <translation>Indizierung oder Suche anhalten; das Vorhandene bleibt einsehbar</translation>
    </message>
    <message>
        <source>Query/text characters from</source>
        <translation>Zeichen in Anfrage/Text von</translation>
    </message>
    <message>
        <source>a passage&apos;s characters from</source>
        <translation>Zeichen einer Passage von</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>any</source>
        <translation>beliebig</translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::RecordTableModel</name>
    <message>
        <source>(the file changed on disk; reopen it)</source>
        <translation>(die Datei wurde auf dem Datenträger geändert; bitte erneut öffnen)</translation>
    </message>
    <message>
        <source>(a line of %1 bytes, too long to show)</source>
        <translation>(eine Zeile mit %1 Bytes, zu lang zum Anzeigen)</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Query / text</source>
        <translation>Anfrage / Text</translation>
    </message>
    <message>
        <source>Positives</source>
        <translation>Positive</translation>
    </message>
    <message>
        <source>Negatives</source>
        <translation>Negative</translation>
    </message>
    <message>
        <source>Characters</source>
        <translation>Zeichen</translation>
    </message>
    <message>
        <source>Longest passage</source>
        <translation>Längste Passage</translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::RunComparisonView</name>
    <message>
        <source>Differences only</source>
        <translation>Nur Unterschiede</translation>
    </message>
    <message>
        <source>Export plot...</source>
        <translation>Diagramm exportieren...</translation>
    </message>
    <message>
        <source>step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>&lt;b&gt;Options&lt;/b&gt;</source>
        <translation>&lt;b&gt;Optionen&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Final metrics&lt;/b&gt; (the best of each row in bold)</source>
        <translation>&lt;b&gt;Endgültige Metriken&lt;/b&gt; (der beste Wert jeder Zeile fett)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Curves&lt;/b&gt;</source>
        <translation>&lt;b&gt;Kurven&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Select two runs or more (Ctrl+click or Shift+click) and press Compare to see their options side by side, their final metrics with the best in bold, and their metric curves on one plot.</source>
        <translation>Zwei oder mehr Läufe auswählen (Strg+Klick oder Umschalt+Klick) und auf „Vergleichen“ klicken, um ihre Optionen nebeneinander, ihre endgültigen Metriken mit dem besten Wert in Fett und ihre Metrikkurven in einem Diagramm zu sehen.</translation>
    </message>
    <message>
        <source>metric</source>
        <translation>Metrik</translation>
    </message>
    <message>
        <source>option</source>
        <translation>Option</translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::RunTableModel</name>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Key options</source>
        <translation>Wichtige Optionen</translation>
    </message>
    <message>
        <source>Key metrics</source>
        <translation>Wichtige Metriken</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>%1 negatives, %2 queries short</source>
        <translation>%1 Negative, %2 Anfragen zu kurz</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>angehalten</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>unterbrochen</translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::ThresholdsPanel</name>
    <message>
        <source>precision %1 · recall %2 · F1 %3
true positives %4 · false positives %5 · false negatives %6 · true negatives %7</source>
        <translation>Präzision %1 · Recall %2 · F1 %3
richtig positiv %4 · falsch positiv %5 · falsch negativ %6 · richtig negativ %7</translation>
    </message>
    <message>
        <source>Labelled pairs</source>
        <translation>Gelabelte Paare</translation>
    </message>
    <message>
        <source>Pairs (*.tsv *.jsonl)</source>
        <translation>Paare (*.tsv *.jsonl)</translation>
    </message>
    <message>
        <source>Score labelled pairs</source>
        <translation>Scores für gelabelte Paare berechnen</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>Modell:</translation>
    </message>
    <message>
        <source>Pairs:</source>
        <translation>Paare:</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Durchsuchen...</translation>
    </message>
    <message>
        <source>Target precision:</source>
        <translation>Zielpräzision:</translation>
    </message>
    <message>
        <source>&amp;Score and fit</source>
        <translation>&amp;Bewerten und anpassen</translation>
    </message>
    <message>
        <source>Threshold (drag the line in the plots)</source>
        <translation>Schwellenwert (die Linie in den Diagrammen ziehen)</translation>
    </message>
    <message>
        <source>Similar when the score is at least</source>
        <translation>Ähnlich ab einem Score von</translation>
    </message>
    <message>
        <source>Best F1</source>
        <translation>Bestes F1</translation>
    </message>
    <message>
        <source>Target precision</source>
        <translation>Zielpräzision</translation>
    </message>
    <message>
        <source>cosine similarity</source>
        <translation>Kosinusähnlichkeit</translation>
    </message>
    <message>
        <source>share of pairs (%)</source>
        <translation>Anteil der Paare (%)</translation>
    </message>
    <message>
        <source>threshold</source>
        <translation>Schwellenwert</translation>
    </message>
    <message>
        <source>precision, recall, F1</source>
        <translation>Präzision, Recall, F1</translation>
    </message>
    <message>
        <source>Choose a model and labelled pairs, then score them: the thresholds are fitted on half of the pairs and reported on the other half.</source>
        <translation>Ein Modell und gelabelte Paare auswählen und dann bewerten: Die Schwellenwerte werden an einer Hälfte der Paare angepasst und an der anderen Hälfte ausgewiesen.</translation>
    </message>
    <message>
        <source>Choose a model and a file of labelled pairs first.</source>
        <translation>Zuerst ein Modell und eine Datei mit gelabelten Paaren auswählen.</translation>
    </message>
    <message>
        <source>Scoring %1...</source>
        <translation>%1 wird bewertet...</translation>
    </message>
    <message>
        <source>Scoring failed: %1</source>
        <translation>Bewertung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>Fitted on %1 pairs (%2 groups), reported on the other %3 pairs (%4 groups).</source>
        <translation>Angepasst an %1 Paaren (%2 Gruppen), ausgewiesen an den übrigen %3 Paaren (%4 Gruppen).</translation>
    </message>
    <message>
        <source>Best F1: threshold %1, F1 %2 where fitted, %3 on the other part.</source>
        <translation>Bestes F1: Schwellenwert %1, F1 %2 auf dem Anpassungsteil, %3 auf dem anderen Teil.</translation>
    </message>
    <message>
        <source>Precision %1: threshold %2; precision %3 on the other part, recall %4.</source>
        <translation>Präzision %1: Schwellenwert %2; Präzision %3 auf dem anderen Teil, Recall %4.</translation>
    </message>
    <message>
        <source>No threshold reaches a precision of %1 on the fit part.</source>
        <translation>Kein Schwellenwert erreicht auf dem Anpassungsteil eine Präzision von %1.</translation>
    </message>
    <message>
        <source>Scores in %1.</source>
        <translation>Scores in %1.</translation>
    </message>
    <message>
        <source>similar pairs (%1)</source>
        <translation>ähnliche Paare (%1)</translation>
    </message>
    <message>
        <source>dissimilar pairs (%1)</source>
        <translation>unähnliche Paare (%1)</translation>
    </message>
    <message>
        <source>precision</source>
        <translation>Präzision</translation>
    </message>
    <message>
        <source>recall</source>
        <translation>Recall</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>On the held-out part (what to expect on new pairs):
%1

On the fit part:
%2</source>
        <translation>Auf dem zurückgehaltenen Teil (was bei neuen Paaren zu erwarten ist):
%1

Auf dem Anpassungsteil:
%2</translation>
    </message>
    <message>
        <source>Reranker: sigmoid scores in [0, 1]</source>
        <translation>Reranker: Sigmoid-Scores in [0, 1]</translation>
    </message>
    <message>
        <source>reranker logit</source>
        <translation>Reranker-Logit</translation>
    </message>
    <message>
        <source>reranker score, sigmoid(logit)</source>
        <translation>Reranker-Score, sigmoid(logit)</translation>
    </message>
    <message>
        <source>%1 cannot be read.</source>
        <translation>%1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>%1 has no dissimilar pair (no line labelled 0): a threshold needs both kinds.</source>
        <translation>%1 enthält kein unähnliches Paar (keine Zeile mit Label 0): Ein Schwellenwert braucht beide Arten.</translation>
    </message>
    <message>
        <source>%1 has no dissimilar pairs: no line has &quot;neg&quot; texts. Mine negatives first (Mining panel) and choose the mined file.</source>
        <translation>%1 enthält keine unähnlichen Paare: Keine Zeile hat „neg“-Texte. Zuerst Negative minen (Bereich Mining) und die geminte Datei wählen.</translation>
    </message>
    <message>
        <source>Cannot write the job&apos;s options to %1.</source>
        <translation>Die Optionen des Auftrags können nicht nach %1 geschrieben werden.</translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::TokenStatisticsView</name>
    <message>
        <source>&amp;Tokenizer:</source>
        <translation>&amp;Tokenizer:</translation>
    </message>
    <message>
        <source>The model folder whose tokenizer counts the tokens (tokenizer.json or vocab.txt)</source>
        <translation>Der Modellordner, dessen Tokenizer die Token zählt (tokenizer.json oder vocab.txt)</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Durchsuchen...</translation>
    </message>
    <message>
        <source>&amp;query_max_len:</source>
        <translation>&amp;query_max_len:</translation>
    </message>
    <message>
        <source>&amp;passage_max_len:</source>
        <translation>&amp;passage_max_len:</translation>
    </message>
    <message>
        <source>Tokens per query, special tokens included, as training uses</source>
        <translation>Token pro Anfrage, einschließlich Sondertoken, wie im Training</translation>
    </message>
    <message>
        <source>Tokens per passage, special tokens included</source>
        <translation>Token pro Passage, einschließlich Sondertoken</translation>
    </message>
    <message>
        <source>Query &amp;instruction:</source>
        <translation>Anfrage&amp;anweisung:</translation>
    </message>
    <message>
        <source>none (e.g. &quot;query: &quot; for E5)</source>
        <translation>keine (z. B. &quot;query: &quot; für E5)</translation>
    </message>
    <message>
        <source>Put before every query without a &quot;prompt&quot; of its own, as query_instruction_for_retrieval does in training</source>
        <translation>Wird jeder Anfrage ohne eigenes &quot;prompt&quot; vorangestellt, wie query_instruction_for_retrieval im Training</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Choose a model folder (one with tokenizer.json or vocab.txt) to count query and passage lengths in tokens, as the model will see them, and to see how much query_max_len and passage_max_len would truncate.</source>
        <translation>Einen Modellordner (mit tokenizer.json oder vocab.txt) auswählen, um die Längen von Anfragen und Passagen so in Token zu zählen, wie das Modell sie sieht, und um zu sehen, wie viel query_max_len und passage_max_len abschneiden würden.</translation>
    </message>
    <message>
        <source>query length (tokens)</source>
        <translation>Anfragelänge (Token)</translation>
    </message>
    <message>
        <source>passage length (tokens)</source>
        <translation>Passagenlänge (Token)</translation>
    </message>
    <message>
        <source>share of texts (%)</source>
        <translation>Anteil der Texte (%)</translation>
    </message>
    <message>
        <source>negatives per query</source>
        <translation>Negative pro Anfrage</translation>
    </message>
    <message>
        <source>queries</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>(no model folder found)</source>
        <translation>(kein Modellordner gefunden)</translation>
    </message>
    <message>
        <source>Model folder with a tokenizer</source>
        <translation>Modellordner mit Tokenizer</translation>
    </message>
    <message>
        <source>%1 has neither tokenizer.json nor vocab.txt.</source>
        <translation>%1 enthält weder tokenizer.json noch vocab.txt.</translation>
    </message>
    <message>
        <source>Counting tokens: %p%</source>
        <translation>Token werden gezählt: %p%</translation>
    </message>
    <message>
        <source>Counting was cancelled; the plots show the part read.</source>
        <translation>Zählung abgebrochen; die Diagramme zeigen den gelesenen Teil.</translation>
    </message>
    <message>
        <source>No queries in this dataset.</source>
        <translation>Keine Anfragen in diesem Datensatz.</translation>
    </message>
    <message>
        <source>No passages in this dataset.</source>
        <translation>Keine Passagen in diesem Datensatz.</translation>
    </message>
    <message>
        <source>kept whole</source>
        <translation>vollständig erhalten</translation>
    </message>
    <message>
        <source>truncated</source>
        <translation>abgeschnitten</translation>
    </message>
    <message>
        <source>%1 = %2
%3 truncated</source>
        <translation>%1 = %2
%3 abgeschnitten</translation>
    </message>
    <message>
        <source>passages</source>
        <translation>Passagen</translation>
    </message>
    <message>
        <source>%1 %2: median %3 tokens, 99th percentile %4, longest %5; %6 longer than %7.</source>
        <translation>%1 %2: Median %3 Token, 99. Perzentil %4, längste %5; %6 länger als %7.</translation>
    </message>
    <message>
        <source>Only training files have negatives.</source>
        <translation>Nur Trainingsdateien enthalten Negative.</translation>
    </message>
    <message>
        <source>No query has negatives yet:
mine them (Mining panel).</source>
        <translation>Noch keine Anfrage hat Negative:
im Mining-Panel minen.</translation>
    </message>
    <message>
        <source>This dataset has no texts to count (relevance judgments, or a file whose kind is unknown).</source>
        <translation>Dieser Datensatz enthält keine zählbaren Texte (Relevanzurteile oder eine Datei unbekannter Art).</translation>
    </message>
    <message>
        <source>Counting...</source>
        <translation>Wird gezählt...</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n Datensatz</numerusform>
            <numerusform>%n Datensätze</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n invalid line(s) skipped</source>
        <translation>
            <numerusform>%n ungültige Zeile übersprungen</numerusform>
            <numerusform>%n ungültige Zeilen übersprungen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 repeated queries</source>
        <translation>%1 wiederholte Anfragen</translation>
    </message>
    <message>
        <source>%1 distinct passages, %2 repeats</source>
        <translation>%1 verschiedene Passagen, %2 Wiederholungen</translation>
    </message>
    <message>
        <source>(too many texts to track them all: at least)</source>
        <translation>(zu viele Texte, um alle zu erfassen: mindestens)</translation>
    </message>
    <message>
        <source>(so far)</source>
        <translation>(bisher)</translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::TrainingOptionForm</name>
    <message>
        <source>Training data (*.jsonl)</source>
        <translation>Trainingsdaten (*.jsonl)</translation>
    </message>
    <message>
        <source>model_name_or_path: choose a model folder.</source>
        <translation>model_name_or_path: einen Modellordner auswählen.</translation>
    </message>
    <message>
        <source>train_data: choose a training file.</source>
        <translation>train_data: eine Trainingsdatei auswählen.</translation>
    </message>
    <message>
        <source>output_dir: choose a run folder.</source>
        <translation>output_dir: einen Laufordner auswählen.</translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation>%1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>%1 is not a JSON object of training options.</source>
        <translation>%1 ist kein JSON-Objekt mit Trainingsoptionen.</translation>
    </message>
    <message>
        <source>(the model&apos;s own setting)</source>
        <translation>(Einstellung des Modells)</translation>
    </message>
    <message>
        <source>Separate several with &apos;;&apos;.</source>
        <translation>Mehrere mit &apos;;&apos; trennen.</translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::TrainingPanel</name>
    <message>
        <source>Load training options</source>
        <translation>Trainingsoptionen laden</translation>
    </message>
    <message>
        <source>Training options (*.json)</source>
        <translation>Trainingsoptionen (*.json)</translation>
    </message>
    <message>
        <source>Save training options</source>
        <translation>Trainingsoptionen speichern</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>%1 konnte nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>Load options...</source>
        <translation>Optionen laden...</translation>
    </message>
    <message>
        <source>A preset, a --config file or a run folder&apos;s training_options.json</source>
        <translation>Eine Voreinstellung, eine --config-Datei oder die training_options.json eines Laufordners</translation>
    </message>
    <message>
        <source>Save options...</source>
        <translation>Optionen speichern...</translation>
    </message>
    <message>
        <source>&amp;Launch</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Stop at the next batch, with a checkpoint</source>
        <translation>Beim nächsten Batch anhalten, mit Checkpoint</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>cosine similarity to the query</source>
        <translation>Kosinusähnlichkeit zur Anfrage</translation>
    </message>
    <message>
        <source>share (%)</source>
        <translation>Anteil (%)</translation>
    </message>
    <message>
        <source>Set the options and launch: the run&apos;s curves appear here as it trains. It keeps running if the window closes.</source>
        <translation>Optionen festlegen und starten: Die Kurven des Laufs erscheinen hier während des Trainings. Der Lauf geht weiter, wenn das Fenster geschlossen wird.</translation>
    </message>
    <message>
        <source>Cannot launch: %1</source>
        <translation>Start nicht möglich: %1</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>%1 kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>Starting %1...</source>
        <translation>%1 wird gestartet...</translation>
    </message>
    <message>
        <source>Stopping at the next batch, with a checkpoint...</source>
        <translation>Anhalten beim nächsten Batch, mit Checkpoint...</translation>
    </message>
    <message>
        <source>step %1 of %2</source>
        <translation>Schritt %1 von %2</translation>
    </message>
    <message>
        <source>Step %1 of %2 · epoch %3 · loss %4 · %5 samples/s · %6 left</source>
        <translation>Schritt %1 von %2 · Epoche %3 · Verlust %4 · %5 Beispiele/s · noch %6</translation>
    </message>
    <message>
        <source>Finished: the model is in %1.</source>
        <translation>Fertig: Das Modell liegt in %1.</translation>
    </message>
    <message>
        <source>The run failed: %1</source>
        <translation>Der Lauf ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>Schritt %1</translation>
    </message>
    <message>
        <source>%1 (mean %2)</source>
        <translation>%1 (Mittel %2)</translation>
    </message>
    <message>
        <source>positives</source>
        <translation>Positive</translation>
    </message>
    <message>
        <source>hard negatives</source>
        <translation>schwierige Negative</translation>
    </message>
    <message>
        <source>in-batch negatives</source>
        <translation>In-Batch-Negative</translation>
    </message>
    <message>
        <source>Continue the selected run from its latest checkpoint</source>
        <translation>Den ausgewählten Lauf ab seinem letzten Checkpoint fortsetzen</translation>
    </message>
    <message>
        <source>Allow several runs at once</source>
        <translation>Mehrere Läufe gleichzeitig erlauben</translation>
    </message>
    <message>
        <source>Launch while another run is going (they share the CPU or GPUs)</source>
        <translation>Starten, während ein anderer Lauf läuft (sie teilen sich CPU oder GPUs)</translation>
    </message>
    <message>
        <source>A run is going: stop it first, or allow several runs at once.</source>
        <translation>Ein Lauf läuft: zuerst anhalten oder mehrere Läufe gleichzeitig erlauben.</translation>
    </message>
    <message>
        <source>A run is going in %1: choose another output_dir.</source>
        <translation>In %1 läuft ein Lauf: ein anderes output_dir wählen.</translation>
    </message>
    <message>
        <source>running, step %1 of %2</source>
        <translation>läuft, Schritt %1 von %2</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>startet</translation>
    </message>
    <message>
        <source>finished, %1 steps</source>
        <translation>fertig, %1 Schritte</translation>
    </message>
    <message>
        <source>stopped at step %1</source>
        <translation>bei Schritt %1 angehalten</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>reranker score, sigmoid(logit)</source>
        <translation>Reranker-Score, sigmoid(logit)</translation>
    </message>
    <message>
        <source>model_name_or_path: %1 is not a folder.</source>
        <translation>model_name_or_path: %1 ist kein Ordner.</translation>
    </message>
    <message>
        <source>train_data: %1 does not exist.</source>
        <translation>train_data: %1 existiert nicht.</translation>
    </message>
    <message>
        <source>Stopped at step %1 with a checkpoint; Resume continues from it.</source>
        <translation>Bei Schritt %1 mit einem Checkpoint angehalten; „Fortsetzen“ macht dort weiter.</translation>
    </message>
    <message>
        <source>stopped at step %1 of %2</source>
        <translation>bei Schritt %1 von %2 angehalten</translation>
    </message>
    <message>
        <source>failed at step %1 of %2</source>
        <translation>bei Schritt %1 von %2 fehlgeschlagen</translation>
    </message>
    <message>
        <source>eval_data: %1 does not exist.</source>
        <translation>eval_data: %1 existiert nicht.</translation>
    </message>
    <message>
        <source>dev %1</source>
        <translation>Dev %1</translation>
    </message>
    <message>
        <source>best (step %1)</source>
        <translation>bestes (Schritt %1)</translation>
    </message>
    <message>
        <source>base model %1</source>
        <translation>Basismodell %1</translation>
    </message>
    <message>
        <source>%1 already holds files: choose another output_dir, or tick overwrite_output_dir.</source>
        <translation>%1 enthält bereits Dateien: ein anderes output_dir wählen oder overwrite_output_dir ankreuzen.</translation>
    </message>
    <message>
        <source>pre-training has no similarities: its loss shows the progress</source>
        <translation>Vortraining hat keine Ähnlichkeiten: sein Verlust zeigt den Fortschritt</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>EmbedLab: fine-tune text-embedding models and rerankers.</source>
        <translation>EmbedLab: Text-Embedding-Modelle und Reranker feintunen.</translation>
    </message>
    <message>
        <source>Open the workspace folder DIR.</source>
        <translation>Den Arbeitsbereichsordner DIR öffnen.</translation>
    </message>
    <message>
        <source>Show the panel NAME (%1).</source>
        <translation>Das Panel NAME anzeigen (%1).</translation>
    </message>
    <message>
        <source>Render the window to FILE.png (offscreen) and exit.</source>
        <translation>Das Fenster nach FILE.png rendern (offscreen) und beenden.</translation>
    </message>
    <message>
        <source>CPU threads for LibTorch and BLAS.</source>
        <translation>CPU-Threads für LibTorch und BLAS.</translation>
    </message>
    <message>
        <source>Show the interface in LANGUAGE (en, de, zh_CN) this time; Preferences sets it for good.</source>
        <translation>Die Oberfläche diesmal in LANGUAGE (en, de, zh_CN) anzeigen; dauerhaft über die Einstellungen.</translation>
    </message>
    <message>
        <source>Run the demo in the panels (mine, train, evaluate, fit thresholds).</source>
        <translation>Die Demo in den Bereichen ausführen (minen, trainieren, evaluieren, Schwellen anpassen).</translation>
    </message>
    <message>
        <source>With --run-demo: capture each panel into DIR as the demo goes, then exit.</source>
        <translation>Mit --run-demo: jeden Bereich während der Demo nach DIR aufnehmen, dann beenden.</translation>
    </message>
    <message>
        <source>The workspace folder (as --workspace).</source>
        <translation>Der Arbeitsbereichsordner (wie --workspace).</translation>
    </message>
</context>
<context>
    <name>workspace</name>
    <message>
        <source>The demo workspace is not installed.</source>
        <translation>Der Demo-Arbeitsbereich ist nicht installiert.</translation>
    </message>
    <message>
        <source>Could not copy the demo workspace to %1: %2</source>
        <translation>Der Demo-Arbeitsbereich konnte nicht nach %1 kopiert werden: %2</translation>
    </message>
</context>
</TS>
