<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
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
        <source>Find hard negatives worth learning from, and see what a mining range produces before spending GPU hours on it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A sample of queries with their ranked candidates and scores, marking positives, the range_for_sampling window and probable false negatives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Range, margin and max-score controls that update the preview and a histogram of positive vs. selected-negative scores at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;Mine all&quot; with progress, ETA, cancel and the statistics report</source>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
        <source>length in characters (log scale; last bin: above the 99th percentile)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>share of texts (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (median %2)</source>
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
    <message>
        <source>Stop indexing; the first lines stay browsable</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: the first %n line(s), indexing the whole file...</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>indexing cancelled; the first lines are shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %n line(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
    <message>
        <source>Export plot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images (*.png *.jpg);;PDF (*.pdf)</source>
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
</context>
</TS>
