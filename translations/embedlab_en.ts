<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AboutDialog</name>
    <message>
        <source>&lt;h3&gt;EmbedLab %1&lt;/h3&gt;&lt;p&gt;A workbench for fine-tuning text-embedding models and rerankers: browse data, mine hard negatives, train, evaluate, pick thresholds, merge and compare runs.&lt;/p&gt;&lt;p&gt;Licence: GNU GPL, version 3 or later.&lt;/p&gt;&lt;p&gt;Built with: Qt %2 (LGPL-3.0), LibTorch (BSD-3-Clause), FAISS (MIT), QCustomPlot (GPL-3.0), SQLite (public domain), nlohmann/json (MIT), simdjson (Apache-2.0), CLI11 (BSD-3-Clause), {fmt} and spdlog (MIT), xxHash (BSD-2-Clause), OpenBLAS (BSD-3-Clause).&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About EmbedLab</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlotExport</name>
    <message>
        <source>Export plot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png);;JPEG image (*.jpg *.jpeg);;PDF document (*.pdf);;SVG drawing (*.svg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export plot...</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ValidationSummary</name>
    <message>
        <source>training data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>candidate pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>corpus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>relevance judgments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>min %1  median %2  p95 %3  max %4  mean %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(BEIR layout)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(MS MARCO-style layout)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 lines, %2 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 valid, %2 invalid, %3 blank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>encoding notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UTF-8 byte-order mark (accepted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 CRLF line ends (accepted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>positives per query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>negatives per query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queries without negatives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (negatives are then sampled from the corpus; mining finds hard ones)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>query length (characters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>positive length (characters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>negative length (characters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queries with teacher scores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queries with a prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>text length (characters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>judged queries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>judgments per query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid (%1 errors, %2 warnings)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid (%1 errors, %2 warnings)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>embedlab::gui::MainWindow</name>
    <message>
        <source>Datasets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mining</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Launch contrastive fine-tuning runs and watch them as they happen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every trainer option, grouped, with a one-sentence explanation and presets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live loss and learning-rate curves, samples/s and ETA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live similarity histograms of positives, hard negatives and in-batch negatives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop with a checkpoint, resume, several runs side by side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measure whether a model got better on your data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MRR@k, Recall@k, nDCG@10 and MAP@100 for BEIR and MS MARCO-style sets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Several models on one set in one table, query by query comparison</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With and without the query instruction, and re-ranking with a cross-encoder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thresholds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the similarity above which two texts count as similar, from your labelled pairs rather than from a guess like 0.5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score distributions of similar and dissimilar pairs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Precision, recall and F1 over the threshold; the best-F1 threshold and the lowest one reaching a target precision, fitted on one half and reported on the other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slow BLAS: see tooltip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open Workspace...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About EmbedLab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 - EmbedLab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be opened as a workspace:
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Clear List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Data File...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent &amp;Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preferences...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Data File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data files (*.jsonl *.tsv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>embedlab::gui::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU threads for LibTorch and BLAS. Automatic uses what EmbedLab measured to be fastest on this machine. Applies at the next start; --threads overrides it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applies at the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU &amp;threads:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::CliJob</name>
    <message>
        <source>cannot start %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>embedlab-cli crashed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>embedlab-cli exited with status %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::DatasetsPanel</name>
    <message>
        <source>evaluation set (BEIR)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>training data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>candidate pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>corpus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>relevance judgments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>positives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>negatives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>passages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pool texts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 queries, %2 passages</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n record</numerusform>
            <numerusform>%n records</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop validating; datasets not yet checked stay unchecked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No datasets in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A workspace holds training files ({&quot;query&quot;, &quot;pos&quot;, &quot;neg&quot;} JSONL), candidate pools ({&quot;text&quot;} JSONL) and evaluation folders (corpus.jsonl, queries.jsonl, qrels/test.tsv). Add some and reopen the workspace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validating %1: %p%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not checked yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>validation cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot validate</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, valid with warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation of this dataset has not finished yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation was cancelled. Reopen the workspace to check again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems and summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click to see line %1 in the Records tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::HistoryPanel</name>
    <message>
        <source>Not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search names, tags, notes, options...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select two runs or more (Ctrl+click) to compare them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History unavailable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History database: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Delete %n run(s) from the history? Their metrics, results and notes go with them.</source>
        <translation>
            <numerusform>Delete %n run from the history? Its metrics, results and notes go with it.</numerusform>
            <numerusform>Delete %n runs from the history? Their metrics, results and notes go with them.</numerusform>
        </translation>
    </message>
    <message>
        <source>Also delete their output files and run folders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 kept: it does not look like a run folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::LengthHistogram</name>
    <message>
        <source>share of texts (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (median %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>length in characters (log scale)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last bin holds every text above the 99th percentile.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::MiningPanel</name>
    <message>
        <source>Write the mined training data to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training data (*.jsonl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selection (updates the preview at once)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mine the whole file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Training file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Candidate &amp;pool:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(the file&apos;s own positives and negatives)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where negatives come from: the unique positives and negatives of the training file (the reference&apos;s rule), or a pool of {&quot;text&quot;} lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Queries in the sample:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;eed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max &amp;length (tokens):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max_len: texts are cut to this many tokens before encoding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search the sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Embed the candidates and the sampled queries once; the settings below then re-select without encoding again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>range_for_sampling:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip the top ranks: they are often unlabelled positives (the reference: 10-210; 2-200 for smaller corpora)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ranks from the start up to, not including, the end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>negative_number:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Negatives written per query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sampling:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>random in the range (the reference)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the top of the range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>relative_margin:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop candidates scoring above (1 - R) x the query&apos;s lowest positive score: probable false negatives (NV-Retriever uses 0.05)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>absolute_margin:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop candidates scoring above the lowest positive score minus M</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max_score:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop candidates scoring above S</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mine all...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>score against the query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>share of each kind (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSONL (*.jsonl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a model folder and a training file first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Embedding and searching: %p%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
  line %2 · %3 negatives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>positive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dropped: probable false negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>above the margin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chosen negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in range, not drawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>outside the range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>positives (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chosen negatives (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dropped as false negatives (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a model and a training file, then search a sample of its queries to see what a range and a margin would choose.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 queries, %3 candidates. In the range: %4 candidates; dropped: %5 positive or the query, %6 by the margins and max_score; %7 negatives chosen, %8 queries short. %9 queries have a positive ranked inside the range.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %p%, about %2 s left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mined %1: %2 negatives chosen, %3 queries short of negatives. Report:
%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mining failed: %1
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mining %1...</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::PlaceholderPanel</name>
    <message>
        <source>What this panel will hold:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Until then, from a terminal:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::RecordBrowser</name>
    <message>
        <source>raw line %1:
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a record to see it in full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: the first %n line(s), indexing the whole file...</source>
        <translation>
            <numerusform>%1: the first %n line, indexing the whole file...</numerusform>
            <numerusform>%1: the first %n lines, indexing the whole file...</numerusform>
        </translation>
    </message>
    <message>
        <source>indexing cancelled; the first lines are shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %n line(s)</source>
        <translation>
            <numerusform>%1: %n line</numerusform>
            <numerusform>%1: %n lines</numerusform>
        </translation>
    </message>
    <message>
        <source>Search queries, positives and negatives...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regular expression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only invalid lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>search cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 of %3 lines match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop indexing or searching; what is there stays browsable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Query/text characters from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a passage&apos;s characters from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::RecordTableModel</name>
    <message>
        <source>(the file changed on disk; reopen it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(a line of %1 bytes, too long to show)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Query / text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Positives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Negatives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest passage</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::RunComparisonView</name>
    <message>
        <source>Differences only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export plot...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Options&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Final metrics&lt;/b&gt; (the best of each row in bold)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Curves&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select two runs or more (Ctrl+click or Shift+click) and press Compare to see their options side by side, their final metrics with the best in bold, and their metric curves on one plot.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>metric</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>option</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::RunTableModel</name>
    <message>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key metrics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::TokenStatisticsView</name>
    <message>
        <source>&amp;Tokenizer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model folder whose tokenizer counts the tokens (tokenizer.json or vocab.txt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;query_max_len:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;passage_max_len:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens per query, special tokens included, as training uses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens per passage, special tokens included</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Query &amp;instruction:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none (e.g. &quot;query: &quot; for E5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put before every query without a &quot;prompt&quot; of its own, as query_instruction_for_retrieval does in training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a model folder (one with tokenizer.json or vocab.txt) to count query and passage lengths in tokens, as the model will see them, and to see how much query_max_len and passage_max_len would truncate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>query length (tokens)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>passage length (tokens)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>share of texts (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>negatives per query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no model folder found)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model folder with a tokenizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has neither tokenizer.json nor vocab.txt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting tokens: %p%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting was cancelled; the plots show the part read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No queries in this dataset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No passages in this dataset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kept whole</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>truncated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 = %2
%3 truncated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>passages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2: median %3 tokens, 99th percentile %4, longest %5; %6 longer than %7.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only training files have negatives.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No query has negatives yet:
mine them (Mining panel).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This dataset has no texts to count (relevance judgments, or a file whose kind is unknown).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting...</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n record</numerusform>
            <numerusform>%n records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n invalid line(s) skipped</source>
        <translation>
            <numerusform>%n invalid line skipped</numerusform>
            <numerusform>%n invalid lines skipped</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 repeated queries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 distinct passages, %2 repeats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(too many texts to track them all: at least)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(so far)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>EmbedLab: fine-tune text-embedding models and rerankers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the workspace folder DIR.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the panel NAME (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Render the window to FILE.png (offscreen) and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU threads for LibTorch and BLAS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the interface in LANGUAGE (en, de, zh_CN) this time; Preferences sets it for good.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
