<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>&lt;h3&gt;EmbedLab %1&lt;/h3&gt;&lt;p&gt;A workbench for fine-tuning text-embedding models and rerankers: browse data, mine hard negatives, train, evaluate, pick thresholds, merge and compare runs.&lt;/p&gt;&lt;p&gt;Licence: GNU GPL, version 3 or later.&lt;/p&gt;&lt;p&gt;Built with: Qt %2 (LGPL-3.0), LibTorch (BSD-3-Clause), FAISS (MIT), QCustomPlot (GPL-3.0), SQLite (public domain), nlohmann/json (MIT), simdjson (Apache-2.0), CLI11 (BSD-3-Clause), {fmt} and spdlog (MIT), xxHash (BSD-2-Clause), OpenBLAS (BSD-3-Clause).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;EmbedLab %1&lt;/h3&gt;&lt;p&gt;用于微调文本嵌入模型和重排序模型的工作台：浏览数据、挖掘困难负例、训练、评估、选择阈值、合并和比较运行。&lt;/p&gt;&lt;p&gt;许可证：GNU GPL 第 3 版或更高版本。&lt;/p&gt;&lt;p&gt;构建所用组件：Qt %2 (LGPL-3.0)、LibTorch (BSD-3-Clause)、FAISS (MIT)、QCustomPlot (GPL-3.0)、SQLite (公有领域)、nlohmann/json (MIT)、simdjson (Apache-2.0)、CLI11 (BSD-3-Clause)、{fmt} 和 spdlog (MIT)、xxHash (BSD-2-Clause)、OpenBLAS (BSD-3-Clause)。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About EmbedLab</source>
        <translation>关于 EmbedLab</translation>
    </message>
</context>
<context>
    <name>Options</name>
    <message>
        <source>Models and evaluation set</source>
        <translation>模型与评估集</translation>
    </message>
    <message>
        <source>Queries and encoding</source>
        <translation>查询与编码</translation>
    </message>
    <message>
        <source>Re-ranking</source>
        <translation>重排序</translation>
    </message>
    <message>
        <source>Outputs</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Model folders (bi-encoders), evaluated into one table; one of them, or --model, is required.</source>
        <translation>模型文件夹（双编码器），评估结果汇入一张表；至少需要一个，或使用 --model。</translation>
    </message>
    <message>
        <source>BEIR-layout folder (corpus.jsonl, queries.jsonl, qrels/); this or --corpus and --queries is required.</source>
        <translation>BEIR 格式的文件夹（corpus.jsonl、queries.jsonl、qrels/）；需要此项，或 --corpus 与 --queries。</translation>
    </message>
    <message>
        <source>Which qrels/&lt;split&gt;.tsv of --data to use.</source>
        <translation>使用 --data 中的哪个 qrels/&lt;split&gt;.tsv。</translation>
    </message>
    <message>
        <source>MS MARCO layout: corpus JSONL of {&quot;content&quot;} (with --queries, this or --data is required).</source>
        <translation>MS MARCO 格式：由 {&quot;content&quot;} 组成的语料 JSONL（与 --queries 一起；需要此项或 --data）。</translation>
    </message>
    <message>
        <source>MS MARCO layout: queries JSONL of {&quot;query&quot;, &quot;positive&quot;: [...]} (required with --corpus).</source>
        <translation>MS MARCO 格式：由 {&quot;query&quot;, &quot;positive&quot;: [...]} 组成的查询 JSONL（使用 --corpus 时必需）。</translation>
    </message>
    <message>
        <source>Documents retrieved per query.</source>
        <translation>每个查询检索的文档数。</translation>
    </message>
    <message>
        <source>Leave judged queries without any relevant document out of the means (by default they count and score 0, as in trec_eval and the reference).</source>
        <translation>计算平均值时排除没有任何相关文档的已标注查询（默认计入并记 0 分，与 trec_eval 和参考实现一致）。</translation>
    </message>
    <message>
        <source>Put the query instruction before each query (BGE&apos;s unless --query_instruction).</source>
        <translation>在每个查询前加上查询指令（默认为 BGE 的指令，除非指定 --query_instruction）。</translation>
    </message>
    <message>
        <source>Query instruction to use instead of BGE&apos;s (implies --add_instruction; default: BGE&apos;s).</source>
        <translation>代替 BGE 指令的查询指令（隐含 --add_instruction；默认：BGE 的指令）。</translation>
    </message>
    <message>
        <source>Text put before every document, e.g. &quot;passage: &quot; for E5 (default: nothing).</source>
        <translation>加在每个文档前的文本，例如 E5 的 &quot;passage: &quot;（默认：无）。</translation>
    </message>
    <message>
        <source>Evaluate with and without the query instruction, side by side.</source>
        <translation>并排评估带与不带查询指令的结果。</translation>
    </message>
    <message>
        <source>Longest query in tokens.</source>
        <translation>查询的最大词元数。</translation>
    </message>
    <message>
        <source>Longest document in tokens.</source>
        <translation>文档的最大词元数。</translation>
    </message>
    <message>
        <source>Search index: flat (exact), ivf or hnsw (approximate).</source>
        <translation>检索索引：flat（精确）、ivf 或 hnsw（近似）。</translation>
    </message>
    <message>
        <source>A reranker (cross-encoder) folder: each model&apos;s top --rerank_top_k hits are scored again by it, and the table shows the metrics before and after (default: no re-ranking).</source>
        <translation>重排序模型（交叉编码器）文件夹：由它为每个模型的前 --rerank_top_k 个结果重新打分，表中显示重排前后的指标（默认：不重排）。</translation>
    </message>
    <message>
        <source>Hits per query the reranker scores.</source>
        <translation>重排序模型为每个查询打分的结果数。</translation>
    </message>
    <message>
        <source>Query-document pairs per reranker forward pass.</source>
        <translation>重排序模型每次前向计算的查询-文档对数。</translation>
    </message>
    <message>
        <source>Reranker scores as sigmoid(logit) in [0, 1] (run file), not raw logits.</source>
        <translation>重排序分数以 [0, 1] 内的 sigmoid(logit) 表示（run 文件），而非原始 logit。</translation>
    </message>
    <message>
        <source>Write the metrics as JSON to this file (default: only printed).</source>
        <translation>将指标以 JSON 写入此文件（默认：仅打印）。</translation>
    </message>
    <message>
        <source>Write a TREC run file (qid Q0 docid rank score tag); with several evaluations, one file each, the tag before the extension (default: none).</source>
        <translation>写出 TREC run 文件（qid Q0 docid rank score tag）；多次评估时每次一个文件，标签位于扩展名之前（默认：不写）。</translation>
    </message>
    <message>
        <source>Write a TSV of each query&apos;s first relevant rank per model (default: none).</source>
        <translation>写出 TSV，列出每个查询在各模型中第一个相关文档的排名（默认：不写）。</translation>
    </message>
    <message>
        <source>Model and pairs</source>
        <translation>模型与样本对</translation>
    </message>
    <message>
        <source>Fitting</source>
        <translation>拟合</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>The model folder: a bi-encoder or a reranker.</source>
        <translation>模型文件夹：双编码器或重排序模型。</translation>
    </message>
    <message>
        <source>Labelled pairs: a .tsv of text_a, text_b, label, or a training JSONL (the query with each pos is similar, with each neg dissimilar).</source>
        <translation>带标签的样本对：由 text_a、text_b、label 组成的 .tsv，或训练 JSONL（查询与每个 pos 相似，与每个 neg 不相似）。</translation>
    </message>
    <message>
        <source>Precision the second threshold must reach: the lowest score that reaches it on the fitted part.</source>
        <translation>第二个阈值须达到的精确率：在拟合部分上达到该精确率的最低分数。</translation>
    </message>
    <message>
        <source>Share of the groups (queries / text_a) the thresholds are fitted on; the rest reports them.</source>
        <translation>用于拟合阈值的分组（查询 / text_a）比例；其余部分用于报告。</translation>
    </message>
    <message>
        <source>Seed of the split into fitted and held-out groups.</source>
        <translation>划分拟合组与保留组的随机种子。</translation>
    </message>
    <message>
        <source>Histogram bins in the JSON report.</source>
        <translation>JSON 报告中直方图的分箱数。</translation>
    </message>
    <message>
        <source>Text put before text_a / the query (default: nothing).</source>
        <translation>加在 text_a / 查询前的文本（默认：无）。</translation>
    </message>
    <message>
        <source>Text put before text_b / the passage (default: nothing).</source>
        <translation>加在 text_b / 段落前的文本（默认：无）。</translation>
    </message>
    <message>
        <source>With a reranker: thresholds on sigmoid(logit) in [0, 1], not raw logits.</source>
        <translation>使用重排序模型时：阈值基于 [0, 1] 内的 sigmoid(logit)，而非原始 logit。</translation>
    </message>
    <message>
        <source>With a reranker: text_a (the query) is cut to this many tokens.</source>
        <translation>使用重排序模型时：text_a（查询）被截断到此词元数。</translation>
    </message>
    <message>
        <source>Write the analysis (curve, histograms, both parts) as JSON to this file (default: only printed).</source>
        <translation>将分析结果（曲线、直方图、两个部分）以 JSON 写入此文件（默认：仅打印）。</translation>
    </message>
    <message>
        <source>Write every pair&apos;s score, label and part (fit or held_out) as JSONL to this file (default: none).</source>
        <translation>将每个样本对的分数、标签和所属部分（fit 或 held_out）以 JSONL 写入此文件（默认：不写）。</translation>
    </message>
    <message>
        <source>Inputs and outputs</source>
        <translation>输入与输出</translation>
    </message>
    <message>
        <source>Which negatives</source>
        <translation>选取哪些负例</translation>
    </message>
    <message>
        <source>Encoding and search</source>
        <translation>编码与检索</translation>
    </message>
    <message>
        <source>The model whose ranking is mined (a model folder).</source>
        <translation>用其排序来挖掘负例的模型（模型文件夹）。</translation>
    </message>
    <message>
        <source>Training JSONL to mine negatives for.</source>
        <translation>要为其挖掘负例的训练 JSONL。</translation>
    </message>
    <message>
        <source>Training JSONL to write; every other field of a line is kept.</source>
        <translation>要写出的训练 JSONL；每行的其他字段均保留。</translation>
    </message>
    <message>
        <source>JSONL of {&quot;text&quot;} lines to search (default: the input&apos;s pos and neg texts).</source>
        <translation>要检索的 {&quot;text&quot;} 行 JSONL（默认：输入中的 pos 和 neg 文本）。</translation>
    </message>
    <message>
        <source>Ranks to sample negatives from, A-B: 0-based, A included, B excluded. Starting below the top ranks skips likely false negatives.</source>
        <translation>从中采样负例的排名范围 A-B：从 0 开始，包含 A，不包含 B。从排名靠前者之后开始可跳过可能的假负例。</translation>
    </message>
    <message>
        <source>Negatives written per query.</source>
        <translation>每个查询写出的负例数。</translation>
    </message>
    <message>
        <source>How negatives are chosen in the range: random (the reference) or top (the best-ranked eligible candidates).</source>
        <translation>在范围内如何选取负例：random（参考实现）或 top（排名最高的合格候选）。</translation>
    </message>
    <message>
        <source>Drop candidates scoring above (1-R) x the lowest positive&apos;s score: probable false negatives (0.05 is NV-Retriever&apos;s setting; default: no such filter).</source>
        <translation>丢弃分数高于 (1-R) × 最低正例分数的候选：可能的假负例（NV-Retriever 使用 0.05；默认：不过滤）。</translation>
    </message>
    <message>
        <source>Drop candidates scoring above the lowest positive&apos;s score minus M (default: no such filter).</source>
        <translation>丢弃分数高于最低正例分数减 M 的候选（默认：不过滤）。</translation>
    </message>
    <message>
        <source>Drop candidates scoring above S (default: no such filter).</source>
        <translation>丢弃分数高于 S 的候选（默认：不过滤）。</translation>
    </message>
    <message>
        <source>Fill queries short of negatives with random candidates that pass the filters.</source>
        <translation>用通过过滤的随机候选补足负例不足的查询。</translation>
    </message>
    <message>
        <source>Seed of the sampling: the same seed chooses the same negatives.</source>
        <translation>采样的随机种子：相同的种子选出相同的负例。</translation>
    </message>
    <message>
        <source>Scores written with the negatives: neg (neg_scores), both (also pos_scores, for distillation) or none. They are this model&apos;s cosine similarities (inner products if it does not normalise), not logits: distil from them with train --knowledge_distillation --teacher_temperature T, T the temperature the model was trained with.</source>
        <translation>随负例写出的分数：neg（neg_scores）、both（另含 pos_scores，用于蒸馏）或 none。它们是该模型的余弦相似度（若不归一化则为内积），不是 logit：用 train --knowledge_distillation --teacher_temperature T 蒸馏，T 为该模型训练时的温度。</translation>
    </message>
    <message>
        <source>Write the statistics as JSON to this file (default: only printed).</source>
        <translation>将统计信息以 JSON 写入此文件（默认：仅打印）。</translation>
    </message>
    <message>
        <source>Text put before every query; a line&apos;s &quot;prompt&quot; wins (default: nothing).</source>
        <translation>加在每个查询前的文本；行内的 &quot;prompt&quot; 优先（默认：无）。</translation>
    </message>
    <message>
        <source>Text put before every candidate, e.g. &quot;passage: &quot; for E5 (default: nothing).</source>
        <translation>加在每个候选前的文本，例如 E5 的 &quot;passage: &quot;（默认：无）。</translation>
    </message>
    <message>
        <source>Search index: flat (exact inner product), ivf or hnsw (approximate, for huge pools).</source>
        <translation>检索索引：flat（精确内积）、ivf 或 hnsw（近似，适用于超大候选池）。</translation>
    </message>
    <message>
        <source>IVF cells (0: 4 sqrt(n)).</source>
        <translation>IVF 单元数（0：4 sqrt(n)）。</translation>
    </message>
    <message>
        <source>IVF cells visited per query.</source>
        <translation>每个查询访问的 IVF 单元数。</translation>
    </message>
    <message>
        <source>HNSW neighbours per node.</source>
        <translation>HNSW 每个节点的邻居数。</translation>
    </message>
    <message>
        <source>HNSW search breadth.</source>
        <translation>HNSW 检索宽度。</translation>
    </message>
    <message>
        <source>Accepted for compatibility; FAISS searches on the CPU in this build.</source>
        <translation>为兼容而接受；此版本中 FAISS 在 CPU 上检索。</translation>
    </message>
    <message>
        <source>Longest text in tokens, special tokens included; longer texts are cut.</source>
        <translation>文本的最大词元数（含特殊词元）；更长的文本会被截断。</translation>
    </message>
    <message>
        <source>Texts per forward pass.</source>
        <translation>每次前向计算的文本数。</translation>
    </message>
    <message>
        <source>Encode in float16 on CUDA (ignored on the CPU).</source>
        <translation>在 CUDA 上以 float16 编码（在 CPU 上忽略）。</translation>
    </message>
    <message>
        <source>Encode in bfloat16 on CUDA and on CPUs with native bf16 (AVX512_BF16 or AMX); other CPUs stay in float32, which is faster there.</source>
        <translation>在 CUDA 和原生支持 bf16（AVX512_BF16 或 AMX）的 CPU 上以 bfloat16 编码；其他 CPU 保持 float32，在那里更快。</translation>
    </message>
    <message>
        <source>Encode with int8 projections on CPUs with AVX-512 VNNI or AMX (about 3x as fast as float32 for MiniLM-sized models); bf16 or float32 on other CPUs.</source>
        <translation>在支持 AVX-512 VNNI 或 AMX 的 CPU 上以 int8 投影编码（对 MiniLM 大小的模型约为 float32 的 3 倍速度）；其他 CPU 上使用 bf16 或 float32。</translation>
    </message>
    <message>
        <source>Where to run: auto (all visible GPUs, else the CPU), cpu, cuda or cuda:N.</source>
        <translation>运行位置：auto（所有可见 GPU，否则 CPU）、cpu、cuda 或 cuda:N。</translation>
    </message>
    <message>
        <source>Neither read nor write the embedding cache.</source>
        <translation>既不读取也不写入向量缓存。</translation>
    </message>
    <message>
        <source>Embedding cache folder (default: $XDG_CACHE_HOME/embedlab/embeddings).</source>
        <translation>向量缓存文件夹（默认：$XDG_CACHE_HOME/embedlab/embeddings）。</translation>
    </message>
    <message>
        <source>Models and weights</source>
        <translation>模型与权重</translation>
    </message>
    <message>
        <source>Sweep</source>
        <translation>扫描</translation>
    </message>
    <message>
        <source>Model folders; the first one&apos;s files are kept.</source>
        <translation>模型文件夹；保留第一个模型的文件。</translation>
    </message>
    <message>
        <source>One weight per model, non-negative, summing to 1 (this, --weights_from_examples or --sweep is required).</source>
        <translation>每个模型一个权重，非负且总和为 1（需要此项、--weights_from_examples 或 --sweep）。</translation>
    </message>
    <message>
        <source>Divide the weights by their sum instead of requiring a sum of 1.</source>
        <translation>将权重除以其总和，而不要求总和为 1。</translation>
    </message>
    <message>
        <source>New folder for the merged model.</source>
        <translation>合并后模型的新文件夹。</translation>
    </message>
    <message>
        <source>Choose the weights as softmax(-loss/5) of each model&apos;s loss on the first examples of this training file: each positive against the example&apos;s negatives, by similarity / 0.05 for bi-encoders, by logit for rerankers (default: none).</source>
        <translation>以各模型在此训练文件前若干样本上损失的 softmax(-loss/5) 作为权重：每个正例对比该样本的负例，双编码器按相似度 / 0.05，重排序模型按 logit（默认：不使用）。</translation>
    </message>
    <message>
        <source>Examples --weights_from_examples uses.</source>
        <translation>--weights_from_examples 使用的样本数。</translation>
    </message>
    <message>
        <source>START:END:STEP: evaluate the first model&apos;s weight at each step (two models); without --weights the best on --eval_set is written (default: no sweep).</source>
        <translation>START:END:STEP：按步长评估第一个模型的权重（两个模型）；未给出 --weights 时写出在 --eval_set 上最好的结果（默认：不扫描）。</translation>
    </message>
    <message>
        <source>Target-task evaluation set (BEIR folder); required with --sweep.</source>
        <translation>目标任务评估集（BEIR 文件夹）；使用 --sweep 时必需。</translation>
    </message>
    <message>
        <source>General evaluation set (BEIR folder): what merging should preserve (default: none).</source>
        <translation>通用评估集（BEIR 文件夹）：合并应保持的能力（默认：无）。</translation>
    </message>
    <message>
        <source>Which qrels split of the evaluation sets to use.</source>
        <translation>使用评估集的哪个 qrels 划分。</translation>
    </message>
    <message>
        <source>Metric the sweep reports and chooses by.</source>
        <translation>扫描报告并据以选择的指标。</translation>
    </message>
    <message>
        <source>A sweep over rerankers: the bi-encoder whose hits each mix re-ranks (default: none; required when the models are rerankers).</source>
        <translation>对重排序模型扫描时：由其结果供每个混合模型重排的双编码器（默认：无；模型为重排序模型时必需）。</translation>
    </message>
    <message>
        <source>A sweep over rerankers: hits per query each mix re-ranks.</source>
        <translation>对重排序模型扫描时：每个混合模型为每个查询重排的结果数。</translation>
    </message>
    <message>
        <source>Text put before queries in the examples and the sweep (default: nothing).</source>
        <translation>在样本和扫描中加在查询前的文本（默认：无）。</translation>
    </message>
    <message>
        <source>Longest passage in tokens.</source>
        <translation>段落的最大词元数。</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Model and loss</source>
        <translation>模型与损失</translation>
    </message>
    <message>
        <source>Optimisation</source>
        <translation>优化</translation>
    </message>
    <message>
        <source>Logging and checkpoints</source>
        <translation>日志与检查点</translation>
    </message>
    <message>
        <source>Memory and devices</source>
        <translation>内存与设备</translation>
    </message>
    <message>
        <source>The Hugging Face model folder to start from.</source>
        <translation>作为起点的 Hugging Face 模型文件夹。</translation>
    </message>
    <message>
        <source>The run folder: options, metrics, checkpoints; the final model lands at its root.</source>
        <translation>运行文件夹：选项、指标、检查点；最终模型保存在其根目录。</translation>
    </message>
    <message>
        <source>Passages per query: one positive and G-1 hard negatives. More negatives help until memory runs out.</source>
        <translation>每个查询的段落数：一个正例和 G-1 个困难负例。负例越多效果越好，直到内存耗尽。</translation>
    </message>
    <message>
        <source>Longest query in tokens; set it from the query lengths (the Datasets panel&apos;s Statistics tab).</source>
        <translation>查询的最大词元数；请根据查询长度设置（“数据集”面板的“统计”标签页）。</translation>
    </message>
    <message>
        <source>Longest passage in tokens; longer passages are cut.</source>
        <translation>段落的最大词元数；更长的段落会被截断。</translation>
    </message>
    <message>
        <source>Put before every query without a &quot;prompt&quot; of its own (e.g. BGE&apos;s instruction). Use the same text when you encode queries later (default: nothing).</source>
        <translation>加在每个没有自带 &quot;prompt&quot; 的查询前（例如 BGE 的指令）。之后编码查询时请使用相同的文本（默认：无）。</translation>
    </message>
    <message>
        <source>Put before every passage, e.g. &quot;passage: &quot; for E5 (default: nothing).</source>
        <translation>加在每个段落前，例如 E5 的 &quot;passage: &quot;（默认：无）。</translation>
    </message>
    <message>
        <source>Keep a text out of a batch that already holds it, so that a duplicate positive is never an in-batch negative.</source>
        <translation>不把文本放入已包含该文本的批次，使重复的正例永远不会成为批内负例。</translation>
    </message>
    <message>
        <source>Fill each batch with queries whose passages have about the same length, so that less padding is computed. The batches are shuffled, the longest one first (a memory shortage shows at the first step). It changes which queries share a batch, and so their in-batch negatives.</source>
        <translation>让每个批次中的查询所对应的段落长度大致相同，从而减少填充计算。批次会被打乱，最长的批次排在最前（内存不足会在第一步就显现）。这会改变哪些查询同处一个批次，因而也改变它们的批内负例。</translation>
    </message>
    <message>
        <source>Pooling: cls, mean or last_token (default: the model&apos;s own sentence-transformers setting, else mean).</source>
        <translation>池化方式：cls、mean 或 last_token（默认：模型自身的 sentence-transformers 设置，否则为 mean）。</translation>
    </message>
    <message>
        <source>L2-normalise embeddings, so that scores are cosines.</source>
        <translation>对嵌入做 L2 归一化，使分数即为余弦值。</translation>
    </message>
    <message>
        <source>Scores are divided by it before the softmax: lower sharpens the distribution (0.01-0.05 is usual; the reference uses 0.02).</source>
        <translation>softmax 之前分数会除以该值：值越小，分布越尖锐（通常为 0.01-0.05；参考实现使用 0.02）。</translation>
    </message>
    <message>
        <source>Use the other queries&apos; passages as negatives too.</source>
        <translation>同时将其他查询的段落用作负例。</translation>
    </message>
    <message>
        <source>Share passages across workers as negatives: the effective batch is all workers&apos; batches together.</source>
        <translation>在各工作进程之间共享段落作为负例：有效批次为所有工作进程批次的总和。</translation>
    </message>
    <message>
        <source>Distil from the lines&apos; pos_scores and neg_scores: add the KL divergence from the teacher&apos;s softmax over each group. Off: scores in the data are ignored.</source>
        <translation>从各行的 pos_scores 和 neg_scores 蒸馏：加入与教师在每组上的 softmax 之间的 KL 散度。关闭时忽略数据中的分数。</translation>
    </message>
    <message>
        <source>The distillation loss: kl_div (the reference&apos;s m3_kd_loss is not supported).</source>
        <translation>蒸馏损失：kl_div（不支持参考实现的 m3_kd_loss）。</translation>
    </message>
    <message>
        <source>Teacher scores are divided by it before their softmax: 1 for a reranker&apos;s logits; for cosines written by Mine, the temperature that model was trained with (e.g. 0.02).</source>
        <translation>教师分数在 softmax 之前除以该值：重排序模型的 logits 用 1；对于挖掘写出的余弦相似度，用该模型训练时的温度（例如 0.02）。</translation>
    </message>
    <message>
        <source>Weight of the distillation term (with knowledge_distillation).</source>
        <translation>蒸馏项的权重（需开启 knowledge_distillation）。</translation>
    </message>
    <message>
        <source>AdamW learning rate; the reference advises 1e-5, 2e-5 and 3e-5 for large, base and small models.</source>
        <translation>AdamW 学习率；参考实现建议大型、基础和小型模型分别使用 1e-5、2e-5 和 3e-5。</translation>
    </message>
    <message>
        <source>Passes over the training data (may be fractional).</source>
        <translation>遍历训练数据的轮数（可以是小数）。</translation>
    </message>
    <message>
        <source>Optimiser steps in all; when positive it overrides the epochs.</source>
        <translation>优化器总步数；为正数时覆盖轮数设置。</translation>
    </message>
    <message>
        <source>Drop short batches instead of filling them with queries trained a second time.</source>
        <translation>丢弃不完整的批次，而不是用再次训练的查询把它们补满。</translation>
    </message>
    <message>
        <source>Share of the steps over which the learning rate rises linearly from 0 (0.1 is common).</source>
        <translation>学习率从 0 线性上升所占的步数比例（常用 0.1）。</translation>
    </message>
    <message>
        <source>AdamW weight decay (never on biases and LayerNorm weights).</source>
        <translation>AdamW 权重衰减（从不作用于偏置和 LayerNorm 权重）。</translation>
    </message>
    <message>
        <source>Clip the global gradient norm to this (0: no clipping).</source>
        <translation>将全局梯度范数裁剪到此值（0：不裁剪）。</translation>
    </message>
    <message>
        <source>AdamW beta1.</source>
        <translation>AdamW 的 beta1。</translation>
    </message>
    <message>
        <source>AdamW beta2.</source>
        <translation>AdamW 的 beta2。</translation>
    </message>
    <message>
        <source>AdamW epsilon.</source>
        <translation>AdamW 的 epsilon。</translation>
    </message>
    <message>
        <source>Seed of sampling, shuffling and dropout: the same seed gives the same run.</source>
        <translation>采样、打乱和 dropout 的随机种子：相同的种子产生相同的运行。</translation>
    </message>
    <message>
        <source>A metrics record (loss, learning rate, similarity histograms) every N steps: what the plots show.</source>
        <translation>每 N 步记录一次指标（损失、学习率、相似度直方图）：即图表所显示的内容。</translation>
    </message>
    <message>
        <source>A checkpoint every N steps (0: only at the end). Stop always writes one.</source>
        <translation>每 N 步保存一个检查点（0：仅在结束时）。停止时总会写入一个。</translation>
    </message>
    <message>
        <source>Keep only the last N checkpoints (0: all).</source>
        <translation>仅保留最近的 N 个检查点（0：全部保留）。</translation>
    </message>
    <message>
        <source>Continue from a checkpoint folder, or &quot;latest&quot; in the run folder (default: start afresh).</source>
        <translation>从检查点文件夹继续，或使用运行文件夹中的 &quot;latest&quot;（默认：重新开始）。</translation>
    </message>
    <message>
        <source>Recompute each layer in the backward pass: less memory, about 30% more time.</source>
        <translation>在反向传播中重新计算每一层：占用内存更少，耗时约增加 30%。</translation>
    </message>
    <message>
        <source>Gradient cache: embed the batch in chunks, so that the batch size is bounded by time rather than memory, with the same gradients.</source>
        <translation>梯度缓存：分块嵌入批次，使批次大小受时间而非内存限制，且梯度保持不变。</translation>
    </message>
    <message>
        <source>Texts per chunk with the gradient cache.</source>
        <translation>使用梯度缓存时每块的文本数。</translation>
    </message>
    <message>
        <source>Mixed precision in float16 with dynamic loss scaling (CUDA only).</source>
        <translation>使用 float16 混合精度并动态缩放损失（仅限 CUDA）。</translation>
    </message>
    <message>
        <source>Mixed precision in bfloat16 (CUDA, or CPUs that support it).</source>
        <translation>使用 bfloat16 混合精度（CUDA，或支持它的 CPU）。</translation>
    </message>
    <message>
        <source>Worker processes to start on this machine (one per GPU); under torchrun or srun leave 1.</source>
        <translation>在本机启动的工作进程数（每个 GPU 一个）；在 torchrun 或 srun 下保持为 1。</translation>
    </message>
    <message>
        <source>Where to train: auto (a GPU per worker when there are GPUs, else the CPU), cpu or cuda.</source>
        <translation>训练位置：auto（有 GPU 时每个工作进程一个 GPU，否则 CPU）、cpu 或 cuda。</translation>
    </message>
    <message>
        <source>How worker processes exchange tensors: auto (NCCL on GPUs, Gloo on the CPU), nccl, or gloo (also on GPUs, e.g. two workers sharing one GPU, which NCCL refuses).</source>
        <translation>工作进程交换张量的方式：auto（GPU 上用 NCCL，CPU 上用 Gloo）、nccl 或 gloo（也可用于 GPU，例如两个工作进程共用一个 GPU，NCCL 不支持这种情况）。</translation>
    </message>
    <message>
        <source>Lexical baseline</source>
        <translation>词法基线</translation>
    </message>
    <message>
        <source>Add a BM25 row (Okapi BM25 on lowercased Unicode words, Lucene&apos;s formula) after the models: the lexical baseline to beat.</source>
        <translation>在模型之后添加一行 BM25（基于小写 Unicode 词的 Okapi BM25，采用 Lucene 的公式）：需要超越的词法基线。</translation>
    </message>
    <message>
        <source>BM25&apos;s term-frequency saturation k1 (Pyserini&apos;s MS MARCO setting: 0.9).</source>
        <translation>BM25 的词频饱和参数 k1（Pyserini 的 MS MARCO 设置：0.9）。</translation>
    </message>
    <message>
        <source>BM25&apos;s length normalisation b, from 0 (none) to 1 (full; Pyserini&apos;s MS MARCO setting: 0.4).</source>
        <translation>BM25 的长度归一化参数 b，从 0（不归一化）到 1（完全归一化；Pyserini 的 MS MARCO 设置：0.4）。</translation>
    </message>
    <message>
        <source>BM25 leaves out English stop words (Lucene&apos;s list).</source>
        <translation>BM25 去除英文停用词（Lucene 的列表）。</translation>
    </message>
    <message>
        <source>BM25 stems English words (Snowball&apos;s Porter2).</source>
        <translation>BM25 对英文单词做词干提取（Snowball 的 Porter2）。</translation>
    </message>
    <message>
        <source>Evaluation during training</source>
        <translation>训练期间的评估</translation>
    </message>
    <message>
        <source>Dev set evaluated during training, as eval reads it: a BEIR folder (corpus.jsonl, queries.jsonl, qrels/) or an MS MARCO queries JSONL with --eval_corpus (default: no evaluation).</source>
        <translation>训练期间评估的开发集，格式与 eval 读取的相同：BEIR 文件夹（corpus.jsonl、queries.jsonl、qrels/），或配合 --eval_corpus 的 MS MARCO 查询 JSONL（默认：不评估）。</translation>
    </message>
    <message>
        <source>The corpus JSONL of an MS MARCO eval_data (default: none; a BEIR folder has its own).</source>
        <translation>MS MARCO 格式 eval_data 的语料 JSONL（默认：无；BEIR 文件夹自带语料）。</translation>
    </message>
    <message>
        <source>Which qrels/&lt;split&gt;.tsv of a BEIR eval_data to use.</source>
        <translation>使用 BEIR 格式 eval_data 中的哪个 qrels/&lt;split&gt;.tsv。</translation>
    </message>
    <message>
        <source>When to evaluate: every eval_steps steps, at the end of every epoch, or no; always once before the first step (the base model) and after the last.</source>
        <translation>何时评估：每 eval_steps 步、每个 epoch 结束时，或不评估（no）；总会在第一步之前（基础模型）和最后一步之后各评估一次。</translation>
    </message>
    <message>
        <source>Evaluate every N steps (0: every logging_steps).</source>
        <translation>每 N 步评估一次（0：每 logging_steps 步）。</translation>
    </message>
    <message>
        <source>Texts per encoding batch when evaluating.</source>
        <translation>评估时每个编码批次的文本数。</translation>
    </message>
    <message>
        <source>The dev metric that decides the best model and early stopping (higher is better).</source>
        <translation>决定最佳模型和提前停止的开发集指标（越高越好）。</translation>
    </message>
    <message>
        <source>Write the best evaluated model, not the last one, at output_dir&apos;s root (kept in output_dir/best-model as the run goes).</source>
        <translation>在 output_dir 根目录写出评估最好的模型而非最后的模型（运行期间保存在 output_dir/best-model 中）。</translation>
    </message>
    <message>
        <source>Stop after N evaluations in a row without a better metric_for_best_model (0: never stop early).</source>
        <translation>连续 N 次评估 metric_for_best_model 没有提升后停止（0：从不提前停止）。</translation>
    </message>
    <message>
        <source>Where the metrics also go: none, or tensorboard (event files under output_dir/runs/, for `tensorboard --logdir output_dir/runs`).</source>
        <translation>指标的额外去向：none，或 tensorboard（事件文件位于 output_dir/runs/，用于 `tensorboard --logdir output_dir/runs`）。</translation>
    </message>
    <message>
        <source>Longest query in tokens (default: max_len).</source>
        <translation>查询的最大长度（词元数，默认：max_len）。</translation>
    </message>
    <message>
        <source>Longest candidate in tokens (default: max_len).</source>
        <translation>候选文本的最大长度（词元数，默认：max_len）。</translation>
    </message>
    <message>
        <source>Queries searched per FAISS call: more use more memory.</source>
        <translation>每次 FAISS 调用搜索的查询数：越多占用内存越多。</translation>
    </message>
    <message>
        <source>Which revision of a model named by hub id (org/name) to read from the Hugging Face cache: a branch, a tag or a commit hash.</source>
        <translation>从 Hugging Face 缓存读取以 hub id（org/name）命名的模型的哪个版本：分支、标签或提交哈希。</translation>
    </message>
    <message>
        <source>The Hugging Face hub cache where a hub id (org/name) in model_name_or_path is looked up (default: $HF_HUB_CACHE, else $HF_HOME/hub, else ~/.cache/huggingface/hub).</source>
        <translation>查找 model_name_or_path 中 hub id（org/name）的 Hugging Face hub 缓存（默认：$HF_HUB_CACHE，否则 $HF_HOME/hub，否则 ~/.cache/huggingface/hub）。</translation>
    </message>
    <message>
        <source>Which revision of a hub id in model_name_or_path to read from the cache: a branch, a tag or a commit hash.</source>
        <translation>从缓存读取 model_name_or_path 中 hub id 的哪个版本：分支、标签或提交哈希。</translation>
    </message>
    <message>
        <source>Draw every global batch from one train_data file: each file&apos;s queries are shuffled and cut into batches, and the batches shuffled, so that in-batch negatives come from the same kind of data.</source>
        <translation>每个全局批次只取自一个 train_data 文件：各文件的查询先打乱再切成批次，批次再打乱，使批内负例来自同类数据。</translation>
    </message>
    <message>
        <source>Train into an output_dir that already holds files, writing over them. Without it such a folder is refused, unless the run resumes from a checkpoint in it.</source>
        <translation>训练到已有文件的 output_dir 并覆盖它们。没有此选项时，这样的文件夹会被拒绝，除非从其中的检查点恢复运行。</translation>
    </message>
    <message>
        <source>How the instruction (or a line&apos;s &quot;prompt&quot;) and the query are joined: a Python format string with two {}, filled with the instruction and the query, e.g. &quot;&lt;instruct&gt;{}\n&lt;query&gt;{}&quot; (\n is a line break, as in the reference; used only with an instruction).</source>
        <translation>指令（或行内的 &quot;prompt&quot;）与查询的拼接方式：含两个 {} 的 Python 格式字符串，依次填入指令和查询，例如 &quot;&lt;instruct&gt;{}\n&lt;query&gt;{}&quot;（\n 为换行，与参考实现相同；仅在有指令时使用）。</translation>
    </message>
    <message>
        <source>How passage_instruction and the passage are joined: a Python format string with two {}, filled with the instruction and the passage (used only with an instruction).</source>
        <translation>passage_instruction 与段落的拼接方式：含两个 {} 的 Python 格式字符串，依次填入指令和段落（仅在有指令时使用）。</translation>
    </message>
    <message>
        <source>Pad each tokenized batch to a multiple of N tokens (e.g. 8 for tensor cores; 0: to its longest text only). The extra padding is masked.</source>
        <translation>将每个分词后的批次填充到 N 个词元的倍数（例如张量核心用 8；0：只填充到最长文本）。额外的填充会被遮蔽。</translation>
    </message>
    <message>
        <source>Queries per worker and micro-batch. Larger batches give more in-batch negatives and usually better models; the gradient cache makes them fit in memory.</source>
        <translation>每个工作进程每个微批次的查询数。批次越大，批内负例越多，模型通常越好；梯度缓存可让大批次放入内存。</translation>
    </message>
    <message>
        <source>Micro-batches of per_device_train_batch_size per optimiser step, their gradients summed: a larger effective batch in the same memory. It does not add in-batch negatives (each micro-batch&apos;s loss sees only its own batch); --grad_cache does. Steps, the schedule, logging and checkpoints count optimiser steps.</source>
        <translation>每个优化器步骤包含的 per_device_train_batch_size 微批次数，梯度累加：在相同内存下获得更大的有效批次。它不会增加批内负例（每个微批次的损失只看到自己的批次）；--grad_cache 可以。步数、学习率计划、日志和检查点都按优化器步骤计数。</translation>
    </message>
    <message>
        <source>The learning rate&apos;s course, as Hugging Face&apos;s: linear (warm-up, then down to 0), cosine (warm-up, then half a cosine to 0), constant (no warm-up) or constant_with_warmup.</source>
        <translation>学习率的变化方式，与 Hugging Face 相同：linear（预热后线性降到 0）、cosine（预热后按半个余弦降到 0）、constant（无预热）或 constant_with_warmup。</translation>
    </message>
    <message>
        <source>Accepted for the reference&apos;s commands, without effect: EmbedLab reads the training files directly and keeps no dataset cache (default: none).</source>
        <translation>为兼容参考实现的命令而接受，但不起作用：EmbedLab 直接读取训练文件，不保留数据集缓存（默认：无）。</translation>
    </message>
    <message>
        <source>Pre-training</source>
        <translation>预训练</translation>
    </message>
    <message>
        <source>Training files of {&quot;query&quot;, &quot;pos&quot;, &quot;neg&quot;} lines; a folder stands for every .jsonl file directly in it, by name. Pre-training also reads {&quot;text&quot;} lines (candidate pools) and learns from every distinct text.</source>
        <translation>由 {&quot;query&quot;, &quot;pos&quot;, &quot;neg&quot;} 行组成的训练文件；文件夹代表其中直接包含的每个 .jsonl 文件，按名称排序。预训练还读取 {&quot;text&quot;} 行（候选池），每个不同的文本学习一次。</translation>
    </message>
    <message>
        <source>The kind of model: embedding, a bi-encoder (contrastive loss on embeddings); reranker, a cross-encoder reading query and passage together (start it from a pretrained model: from random weights it barely learns); or pretrain, an encoder pre-trained on the texts alone (method), to fine-tune afterwards.</source>
        <translation>模型类型：embedding，双编码器（基于嵌入的对比损失）；reranker，同时读取查询和段落的交叉编码器（请从预训练模型开始：从随机权重几乎学不到东西）；或 pretrain，仅在文本上预训练的编码器（method），之后再进行微调。</translation>
    </message>
    <message>
        <source>Longest text in tokens when pre-training; longer texts are cut.</source>
        <translation>预训练时文本的最大词元数；更长的文本会被截断。</translation>
    </message>
    <message>
        <source>Mask whole words (all their pieces together) instead of single tokens, so the model cannot fill half a word from its other half.</source>
        <translation>掩码整个单词（其所有子词一起）而非单个词元，使模型无法根据单词的另一半补全它。</translation>
    </message>
    <message>
        <source>How pre-training learns from the texts: mlm (BERT&apos;s masked language modelling) or retromae (an encoder whose [CLS] embedding a one-layer decoder must use to rebuild a heavily masked copy of the text, FlagEmbedding&apos;s pre-training for retrieval).</source>
        <translation>预训练如何从文本中学习：mlm（BERT 的掩码语言建模）或 retromae（一层解码器必须利用编码器的 [CLS] 嵌入来重建文本的高度掩码副本；FlagEmbedding 面向检索的预训练）。</translation>
    </message>
    <message>
        <source>Share of tokens the model must predict with mlm (of them 80% become [MASK], 10% a random token, 10% stay).</source>
        <translation>使用 mlm 时模型需要预测的词元比例（其中 80% 变为 [MASK]，10% 变为随机词元，10% 保持不变）。</translation>
    </message>
    <message>
        <source>Share of tokens masked in the encoder&apos;s input with retromae.</source>
        <translation>使用 retromae 时编码器输入中被掩码的词元比例。</translation>
    </message>
    <message>
        <source>Share of tokens each retromae decoder position may not see (besides itself) when it rebuilds the text from the [CLS] embedding.</source>
        <translation>retromae 解码器每个位置在根据 [CLS] 嵌入重建文本时不可见的词元比例（不含其自身）。</translation>
    </message>
</context>
<context>
    <name>PlotExport</name>
    <message>
        <source>Export plot</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>PNG image (*.png);;JPEG image (*.jpg *.jpeg);;PDF document (*.pdf);;SVG drawing (*.svg)</source>
        <translation>PNG 图像 (*.png);;JPEG 图像 (*.jpg *.jpeg);;PDF 文档 (*.pdf);;SVG 绘图 (*.svg)</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>Export plot...</source>
        <translation>导出图表...</translation>
    </message>
</context>
<context>
    <name>ValidationSummary</name>
    <message>
        <source>training data</source>
        <translation>训练数据</translation>
    </message>
    <message>
        <source>candidate pool</source>
        <translation>候选池</translation>
    </message>
    <message>
        <source>corpus</source>
        <translation>语料库</translation>
    </message>
    <message>
        <source>queries</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>relevance judgments</source>
        <translation>相关性标注</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>min %1  median %2  p95 %3  max %4  mean %5</source>
        <translation>最小 %1  中位数 %2  p95 %3  最大 %4  平均 %5</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>(BEIR layout)</source>
        <translation>（BEIR 格式）</translation>
    </message>
    <message>
        <source>(MS MARCO-style layout)</source>
        <translation>（MS MARCO 风格格式）</translation>
    </message>
    <message>
        <source>%1 lines, %2 bytes</source>
        <translation>%1 行，%2 字节</translation>
    </message>
    <message>
        <source>records</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>%1 valid, %2 invalid, %3 blank</source>
        <translation>%1 条有效，%2 条无效，%3 行空行</translation>
    </message>
    <message>
        <source>encoding notes</source>
        <translation>编码说明</translation>
    </message>
    <message>
        <source>UTF-8 byte-order mark (accepted)</source>
        <translation>UTF-8 字节顺序标记（已接受）</translation>
    </message>
    <message>
        <source>%1 CRLF line ends (accepted)</source>
        <translation>%1 个 CRLF 行尾（已接受）</translation>
    </message>
    <message>
        <source>positives per query</source>
        <translation>每个查询的正例数</translation>
    </message>
    <message>
        <source>negatives per query</source>
        <translation>每个查询的负例数</translation>
    </message>
    <message>
        <source>queries without negatives</source>
        <translation>没有负例的查询</translation>
    </message>
    <message>
        <source>%1 (negatives are then sampled from the corpus; mining finds hard ones)</source>
        <translation>%1（届时将从语料库中采样负例；挖掘可找到困难负例）</translation>
    </message>
    <message>
        <source>query length (characters)</source>
        <translation>查询长度（字符）</translation>
    </message>
    <message>
        <source>positive length (characters)</source>
        <translation>正例长度（字符）</translation>
    </message>
    <message>
        <source>negative length (characters)</source>
        <translation>负例长度（字符）</translation>
    </message>
    <message>
        <source>queries with teacher scores</source>
        <translation>带教师分数的查询</translation>
    </message>
    <message>
        <source>queries with a prompt</source>
        <translation>带提示词的查询</translation>
    </message>
    <message>
        <source>text length (characters)</source>
        <translation>文本长度（字符）</translation>
    </message>
    <message>
        <source>judged queries</source>
        <translation>已标注的查询</translation>
    </message>
    <message>
        <source>judgments per query</source>
        <translation>每个查询的标注数</translation>
    </message>
    <message>
        <source>Valid (%1 errors, %2 warnings)</source>
        <translation>有效（%1 个错误，%2 个警告）</translation>
    </message>
    <message>
        <source>Invalid (%1 errors, %2 warnings)</source>
        <translation>无效（%1 个错误，%2 个警告）</translation>
    </message>
</context>
<context>
    <name>embedlab::gui::GuidedDemo</name>
    <message>
        <source>Mining failed: %1</source>
        <translation>挖掘失败：%1</translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation>训练失败：%1</translation>
    </message>
    <message>
        <source>Evaluation failed: %1</source>
        <translation>评估失败：%1</translation>
    </message>
    <message>
        <source>Fitting thresholds failed: %1</source>
        <translation>拟合阈值失败：%1</translation>
    </message>
    <message>
        <source>The demo needs %1, which is missing (scripts/run.sh or scripts/demo-pipeline.sh --prepare-only prepares a demo workspace).</source>
        <translation>演示需要 %1，但它不存在（scripts/run.sh 或 scripts/demo-pipeline.sh --prepare-only 会准备演示工作区）。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Training could not start: %1</source>
        <translation>训练无法启动：%1</translation>
    </message>
    <message>
        <source>Demo: creating the base model (a small random BERT)</source>
        <translation>演示：正在创建基础模型（一个小型随机 BERT）</translation>
    </message>
    <message>
        <source>Creating the base model failed: %1</source>
        <translation>创建基础模型失败：%1</translation>
    </message>
    <message>
        <source>Pre-training failed: %1</source>
        <translation>预训练失败：%1</translation>
    </message>
    <message>
        <source>pre-training the base model on the training file&apos;s texts (%1 steps of masked language modelling)</source>
        <translation>在训练文件的文本上预训练基础模型（%1 步掩码语言建模）</translation>
    </message>
    <message>
        <source>Pre-training could not start: %1</source>
        <translation>预训练无法启动：%1</translation>
    </message>
    <message>
        <source>Demo %1/%2: %3</source>
        <translation>演示 %1/%2：%3</translation>
    </message>
    <message>
        <source>previewing the base model&apos;s ranking of 50 training queries</source>
        <translation>预览基础模型对 50 条训练查询的排序</translation>
    </message>
    <message>
        <source>mining %1 negatives per query from ranks %2-%3</source>
        <translation>从第 %2-%3 名中为每条查询挖掘 %1 个负例</translation>
    </message>
    <message>
        <source>fine-tuning the pre-trained model on the mined data</source>
        <translation>在挖掘的数据上微调预训练模型</translation>
    </message>
    <message>
        <source>fine-tuning the base model on the mined data</source>
        <translation>在挖掘的数据上微调基础模型</translation>
    </message>
    <message>
        <source>evaluating the base and the tuned model on dev/</source>
        <translation>在 dev/ 上评估基础模型和微调后的模型</translation>
    </message>
    <message>
        <source>fitting similarity thresholds for the tuned model</source>
        <translation>为微调后的模型拟合相似度阈值</translation>
    </message>
</context>
<context>
    <name>embedlab::gui::HelpBrowser</name>
    <message>
        <source>Tutorial - EmbedLab</source>
        <translation>教程 - EmbedLab</translation>
    </message>
    <message>
        <source>User Manual - EmbedLab</source>
        <translation>用户手册 - EmbedLab</translation>
    </message>
    <message>
        <source>Command-Line Reference - EmbedLab</source>
        <translation>命令行参考 - EmbedLab</translation>
    </message>
</context>
<context>
    <name>embedlab::gui::MainWindow</name>
    <message>
        <source>Datasets</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Mining</source>
        <translation>挖掘</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Thresholds</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Slow BLAS: see tooltip</source>
        <translation>BLAS 较慢：请查看工具提示</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open Workspace...</source>
        <translation>打开工作区(&amp;O)...</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About EmbedLab</source>
        <translation>关于 EmbedLab(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>%1 - EmbedLab</source>
        <translation>%1 - EmbedLab</translation>
    </message>
    <message>
        <source>Cannot open workspace</source>
        <translation>无法打开工作区</translation>
    </message>
    <message>
        <source>%1 cannot be opened as a workspace:
%2</source>
        <translation>无法将 %1 作为工作区打开：
%2</translation>
    </message>
    <message>
        <source>Open Workspace</source>
        <translation>打开工作区</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Clear List</source>
        <translation>清除列表(&amp;C)</translation>
    </message>
    <message>
        <source>Open &amp;Data File...</source>
        <translation>打开数据文件(&amp;D)...</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Preferences...</source>
        <translation>首选项(&amp;P)...</translation>
    </message>
    <message>
        <source>Open Data File</source>
        <translation>打开数据文件</translation>
    </message>
    <message>
        <source>Data files (*.jsonl *.tsv);;All files (*)</source>
        <translation>数据文件 (*.jsonl *.tsv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>A training run is going</source>
        <translation>训练运行正在进行</translation>
    </message>
    <message>
        <source>Leave the training run running after EmbedLab closes, or stop it with a checkpoint?</source>
        <translation>EmbedLab 关闭后让训练运行继续进行，还是保存检查点后停止？</translation>
    </message>
    <message>
        <source>Leave it running</source>
        <translation>继续运行</translation>
    </message>
    <message>
        <source>Stop it</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Run the &amp;Demo</source>
        <translation>运行演示(&amp;D)</translation>
    </message>
    <message>
        <source>Mine, train, evaluate and fit thresholds on the demo workspace, in the panels</source>
        <translation>在演示工作区中，于各面板内挖掘、训练、评估并拟合阈值</translation>
    </message>
    <message>
        <source>Demo finished: the History panel holds its jobs.</source>
        <translation>演示完成：历史面板中有它的任务。</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>演示</translation>
    </message>
    <message>
        <source>&amp;Tutorial: Five Minutes with the Demo</source>
        <translation>教程：五分钟上手演示(&amp;T)</translation>
    </message>
    <message>
        <source>User &amp;Manual</source>
        <translation>用户手册(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Command-Line Reference</source>
        <translation>命令行参考(&amp;C)</translation>
    </message>
    <message>
        <source>Run the Demo</source>
        <translation>运行演示</translation>
    </message>
    <message>
        <source>%1 exists: it may be your own mined data. The demo mines the training file again.</source>
        <translation>%1 已存在：它可能是您自己挖掘的数据。演示会重新挖掘训练文件。</translation>
    </message>
    <message>
        <source>Keep it, write the demo&apos;s beside it</source>
        <translation>保留它，将演示的文件写在旁边</translation>
    </message>
    <message>
        <source>Replace it</source>
        <translation>替换它</translation>
    </message>
    <message>
        <source>Workspace settings ignored</source>
        <translation>已忽略工作区设置</translation>
    </message>
    <message>
        <source>The workspace&apos;s settings cannot be used:
%1</source>
        <translation>无法使用工作区的设置：
%1</translation>
    </message>
    <message>
        <source>Workspaces</source>
        <translation>工作区</translation>
    </message>
    <message>
        <source>Data files</source>
        <translation>数据文件</translation>
    </message>
    <message>
        <source>Run the Demo with &amp;Pre-training</source>
        <translation>运行演示（含预训练）(&amp;P)</translation>
    </message>
    <message>
        <source>The demo, with the base model first pre-trained on the training file&apos;s own texts (masked language modelling, a few minutes)</source>
        <translation>演示，其中基础模型先在训练文件自身的文本上进行预训练（掩码语言建模，需几分钟）</translation>
    </message>
</context>
<context>
    <name>embedlab::gui::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>CPU threads for LibTorch and BLAS. Automatic uses what EmbedLab measured to be fastest on this machine. Applies at the next start; --threads overrides it.</source>
        <translation>LibTorch 和 BLAS 使用的 CPU 线程数。“自动”表示使用 EmbedLab 在本机上测得的最快设置。下次启动时生效；--threads 会覆盖此设置。</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>CPU &amp;threads:</source>
        <translation>CPU 线程(&amp;T)：</translation>
    </message>
    <message>
        <source>The number of threads applies at the next start; the language changes at once.</source>
        <translation>线程数在下次启动时生效；语言立即切换。</translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::CliJob</name>
    <message>
        <source>cannot start %1: %2</source>
        <translation>无法启动 %1：%2</translation>
    </message>
    <message>
        <source>embedlab-cli crashed</source>
        <translation>embedlab-cli 已崩溃</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>embedlab-cli exited with status %1</source>
        <translation>embedlab-cli 已退出，状态码 %1</translation>
    </message>
    <message>
        <source>cannot start %1</source>
        <translation>无法启动 %1</translation>
    </message>
    <message>
        <source>embedlab-cli ended without a result (was it killed?)</source>
        <translation>embedlab-cli 结束时没有结果（是否被终止？）</translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::DatasetsPanel</name>
    <message>
        <source>evaluation set (BEIR)</source>
        <translation>评估集 (BEIR)</translation>
    </message>
    <message>
        <source>unknown kind</source>
        <translation>未知类型</translation>
    </message>
    <message>
        <source>training data</source>
        <translation>训练数据</translation>
    </message>
    <message>
        <source>candidate pool</source>
        <translation>候选池</translation>
    </message>
    <message>
        <source>corpus</source>
        <translation>语料库</translation>
    </message>
    <message>
        <source>queries</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>relevance judgments</source>
        <translation>相关性标注</translation>
    </message>
    <message>
        <source>positives</source>
        <translation>正例</translation>
    </message>
    <message>
        <source>negatives</source>
        <translation>负例</translation>
    </message>
    <message>
        <source>passages</source>
        <translation>段落</translation>
    </message>
    <message>
        <source>pool texts</source>
        <translation>候选池文本</translation>
    </message>
    <message>
        <source>%1 queries, %2 passages</source>
        <translation>%1 个查询，%2 个段落</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n 条记录</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop validating; datasets not yet checked stay unchecked</source>
        <translation>停止校验；尚未检查的数据集将保持未检查状态</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详细信息</translation>
    </message>
    <message>
        <source>No datasets in %1</source>
        <translation>%1 中没有数据集</translation>
    </message>
    <message>
        <source>A workspace holds training files ({&quot;query&quot;, &quot;pos&quot;, &quot;neg&quot;} JSONL), candidate pools ({&quot;text&quot;} JSONL) and evaluation folders (corpus.jsonl, queries.jsonl, qrels/test.tsv). Add some and reopen the workspace.</source>
        <translation>工作区包含训练文件（{&quot;query&quot;, &quot;pos&quot;, &quot;neg&quot;} JSONL）、候选池（{&quot;text&quot;} JSONL）和评估文件夹（corpus.jsonl、queries.jsonl、qrels/test.tsv）。请添加这些文件，然后重新打开工作区。</translation>
    </message>
    <message>
        <source>Validating %1: %p%</source>
        <translation>正在校验 %1：%p%</translation>
    </message>
    <message>
        <source>not checked yet</source>
        <translation>尚未检查</translation>
    </message>
    <message>
        <source>validation cancelled</source>
        <translation>校验已取消</translation>
    </message>
    <message>
        <source>cannot validate</source>
        <translation>无法校验</translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n 个错误</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, valid with warnings</source>
        <translation>%1，有效但有警告</translation>
    </message>
    <message>
        <source>%1, valid</source>
        <translation>%1，有效</translation>
    </message>
    <message>
        <source>Validation of this dataset has not finished yet.</source>
        <translation>此数据集的校验尚未完成。</translation>
    </message>
    <message>
        <source>Validation was cancelled. Reopen the workspace to check again.</source>
        <translation>校验已取消。重新打开工作区即可再次检查。</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Problems and summary</source>
        <translation>问题与摘要</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Click to see line %1 in the Records tab</source>
        <translation>点击以在“记录”标签页中查看第 %1 行</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::EncodingPrecisionBoxes</name>
    <message>
        <source>Encode in &amp;bf16</source>
        <translation>以 bf16 编码(&amp;B)</translation>
    </message>
    <message>
        <source>Encode in int&amp;8</source>
        <translation>以 int8 编码(&amp;8)</translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::EvaluationPanel</name>
    <message>
        <source>Evaluate</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Models:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <source>Evaluation set:</source>
        <translation>评估集：</translation>
    </message>
    <message>
        <source>Split:</source>
        <translation>划分：</translation>
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
        <translation>查询指令：</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Compare with and without the instruction</source>
        <translation>比较使用和不使用指令的结果</translation>
    </message>
    <message>
        <source>&amp;Run evaluation</source>
        <translation>运行评估(&amp;R)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Query by query&lt;/b&gt;: rank of the first relevant document</source>
        <translation>&lt;b&gt;逐个查询&lt;/b&gt;：第一个相关文档的排名</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>against</source>
        <translation>与</translation>
    </message>
    <message>
        <source>biggest gains first</source>
        <translation>提升最大的在前</translation>
    </message>
    <message>
        <source>biggest losses first</source>
        <translation>下降最大的在前</translation>
    </message>
    <message>
        <source>Rank before</source>
        <translation>之前的排名</translation>
    </message>
    <message>
        <source>Rank after</source>
        <translation>之后的排名</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>A workspace needs a model folder and a BEIR evaluation folder (corpus.jsonl, queries.jsonl, qrels/) to evaluate.</source>
        <translation>工作区需要一个模型文件夹和一个 BEIR 评估文件夹（corpus.jsonl、queries.jsonl、qrels/）才能进行评估。</translation>
    </message>
    <message>
        <source>Check a model or more and choose an evaluation set.</source>
        <translation>请勾选一个或多个模型并选择评估集。</translation>
    </message>
    <message numerus="yes">
        <source>Evaluating %n model(s)...</source>
        <translation>
            <numerusform>正在评估 %n 个模型...</numerusform>
        </translation>
    </message>
    <message>
        <source>The evaluation failed: %1</source>
        <translation>评估失败：%1</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Results in %1.</source>
        <translation>结果位于 %1。</translation>
    </message>
    <message>
        <source>not in the top k</source>
        <translation>不在前 k 名内</translation>
    </message>
    <message>
        <source>found</source>
        <translation>已找到</translation>
    </message>
    <message>
        <source>lost</source>
        <translation>已丢失</translation>
    </message>
    <message>
        <source>(reading the evaluation set...)</source>
        <translation>（正在读取评估集...）</translation>
    </message>
    <message>
        <source>Query %1:
%2

Relevant:
%3</source>
        <translation>查询 %1：
%2

相关：
%3</translation>
    </message>
    <message>
        <source>&lt;b&gt;Metrics&lt;/b&gt; (the best model of each row in bold)</source>
        <translation>&lt;b&gt;指标&lt;/b&gt;（每行最佳模型以粗体显示）</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Query instruction: none</source>
        <translation>查询指令：无</translation>
    </message>
    <message>
        <source>Query instruction: %1</source>
        <translation>查询指令：%1</translation>
    </message>
    <message>
        <source>Cannot write the job&apos;s options to %1.</source>
        <translation>无法将任务选项写入 %1。</translation>
    </message>
    <message>
        <source>BM25 baseline (keyword search)</source>
        <translation>BM25 基线（关键词检索）</translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::HistoryPanel</name>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Search names, tags, notes, options...</source>
        <translation>搜索名称、标签、备注、选项...</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>所有类型</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>任意状态</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Select two runs or more (Ctrl+click) to compare them</source>
        <translation>选择两个或更多运行（Ctrl+单击）进行比较</translation>
    </message>
    <message>
        <source>Delete...</source>
        <translation>删除...</translation>
    </message>
    <message>
        <source>History unavailable: %1</source>
        <translation>历史不可用：%1</translation>
    </message>
    <message>
        <source>History database: %1</source>
        <translation>历史数据库：%1</translation>
    </message>
    <message>
        <source>Delete runs</source>
        <translation>删除运行</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n run(s) from the history? Their metrics, results and notes go with them.</source>
        <translation>
            <numerusform>从历史中删除 %n 个运行？其指标、结果和备注也将一并删除。</numerusform>
        </translation>
    </message>
    <message>
        <source>Also delete their output files and run folders</source>
        <translation>同时删除其输出文件和运行文件夹</translation>
    </message>
    <message>
        <source>%1 kept: it does not look like a run folder</source>
        <translation>已保留 %1：它看起来不像运行文件夹</translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::JobControls</name>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>%1: %p%, about %2 s left</source>
        <translation>%1：%p%，约剩 %2 秒</translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::LengthHistogram</name>
    <message>
        <source>share of texts (%)</source>
        <translation>文本占比 (%)</translation>
    </message>
    <message>
        <source>%1 (median %2)</source>
        <translation>%1（中位数 %2）</translation>
    </message>
    <message>
        <source>length in characters (log scale)</source>
        <translation>长度（字符，对数刻度）</translation>
    </message>
    <message>
        <source>The last bin holds every text above the 99th percentile.</source>
        <translation>最后一个区间包含所有高于第 99 百分位的文本。</translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::MergeSweepView</name>
    <message>
        <source>&lt;b&gt;Merge trade-off&lt;/b&gt; (embedlab-cli merge --sweep)</source>
        <translation>&lt;b&gt;合并权衡&lt;/b&gt;（embedlab-cli merge --sweep）</translation>
    </message>
    <message>
        <source>weight of the first model</source>
        <translation>第一个模型的权重</translation>
    </message>
    <message>
        <source>target set</source>
        <translation>目标数据集</translation>
    </message>
    <message>
        <source>general set</source>
        <translation>通用数据集</translation>
    </message>
    <message>
        <source>The dashed line: the weight the merged model was written with (%1).</source>
        <translation>虚线：写出合并模型时使用的权重（%1）。</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::MiningPanel</name>
    <message>
        <source>Write the mined training data to</source>
        <translation>将挖掘得到的训练数据写入</translation>
    </message>
    <message>
        <source>Training data (*.jsonl)</source>
        <translation>训练数据 (*.jsonl)</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>Selection (updates the preview at once)</source>
        <translation>选择（立即更新预览）</translation>
    </message>
    <message>
        <source>Mine the whole file</source>
        <translation>挖掘整个文件</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>模型(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Training file:</source>
        <translation>训练文件(&amp;T)：</translation>
    </message>
    <message>
        <source>Candidate &amp;pool:</source>
        <translation>候选池(&amp;P)：</translation>
    </message>
    <message>
        <source>(the file&apos;s own positives and negatives)</source>
        <translation>（文件自身的正例和负例）</translation>
    </message>
    <message>
        <source>Where negatives come from: the unique positives and negatives of the training file (the reference&apos;s rule), or a pool of {&quot;text&quot;} lines</source>
        <translation>负例的来源：训练文件中去重后的正例和负例（参考实现的规则），或由 {&quot;text&quot;} 行组成的候选池</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>浏览...</translation>
    </message>
    <message>
        <source>&amp;Queries in the sample:</source>
        <translation>样本中的查询数(&amp;Q)：</translation>
    </message>
    <message>
        <source>S&amp;eed:</source>
        <translation>种子(&amp;E)：</translation>
    </message>
    <message>
        <source>Max &amp;length (tokens):</source>
        <translation>最大长度（词元）(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Search the sample</source>
        <translation>搜索样本(&amp;S)</translation>
    </message>
    <message>
        <source>Embed the candidates and the sampled queries once; the settings below then re-select without encoding again</source>
        <translation>对候选和抽样的查询只做一次嵌入；之后下方的设置会直接重新选择，无需再次编码</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
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
        <translation>采样方式：</translation>
    </message>
    <message>
        <source>random in the range (the reference)</source>
        <translation>在范围内随机（参考实现）</translation>
    </message>
    <message>
        <source>the top of the range</source>
        <translation>范围内排名最靠前的</translation>
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
        <translation>全部挖掘(&amp;M)...</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>What</source>
        <translation>判定</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>score against the query</source>
        <translation>相对于查询的分数</translation>
    </message>
    <message>
        <source>share of each kind (%)</source>
        <translation>各类占比 (%)</translation>
    </message>
    <message>
        <source>Model folder</source>
        <translation>模型文件夹</translation>
    </message>
    <message>
        <source>Data file</source>
        <translation>数据文件</translation>
    </message>
    <message>
        <source>JSONL (*.jsonl)</source>
        <translation>JSONL (*.jsonl)</translation>
    </message>
    <message>
        <source>Choose a model folder and a training file first.</source>
        <translation>请先选择模型文件夹和训练文件。</translation>
    </message>
    <message>
        <source>Embedding and searching: %p%</source>
        <translation>正在嵌入和搜索：%p%</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>%1
  line %2 · %3 negatives</source>
        <translation>%1
  第 %2 行 · %3 个负例</translation>
    </message>
    <message>
        <source>positive</source>
        <translation>正例</translation>
    </message>
    <message>
        <source>dropped: probable false negative</source>
        <translation>已丢弃：很可能是伪负例</translation>
    </message>
    <message>
        <source>above the margin</source>
        <translation>高于边距</translation>
    </message>
    <message>
        <source>chosen negative</source>
        <translation>已选负例</translation>
    </message>
    <message>
        <source>in range, not drawn</source>
        <translation>在范围内，未抽中</translation>
    </message>
    <message>
        <source>outside the range</source>
        <translation>在范围外</translation>
    </message>
    <message>
        <source>positives (%1)</source>
        <translation>正例（%1）</translation>
    </message>
    <message>
        <source>chosen negatives (%1)</source>
        <translation>已选负例（%1）</translation>
    </message>
    <message>
        <source>dropped as false negatives (%1)</source>
        <translation>作为伪负例丢弃（%1）</translation>
    </message>
    <message>
        <source>Choose a model and a training file, then search a sample of its queries to see what a range and a margin would choose.</source>
        <translation>请选择模型和训练文件，然后搜索其查询的样本，查看某个范围和边距会选出哪些负例。</translation>
    </message>
    <message>
        <source>%1 of %2 queries, %3 candidates. In the range: %4 candidates; dropped: %5 positive or the query, %6 by the margins and max_score; %7 negatives chosen, %8 queries short. %9 queries have a positive ranked inside the range.</source>
        <translation>%2 个查询中的 %1 个，%3 个候选。范围内：%4 个候选；已丢弃：%5 个为正例或查询本身，%6 个因边距和 max_score 被丢弃；已选 %7 个负例，%8 个查询负例不足。%9 个查询有正例排在范围内。</translation>
    </message>
    <message>
        <source>Mining %1...</source>
        <translation>正在挖掘 %1...</translation>
    </message>
    <message>
        <source>Mined %1: %2 negatives chosen, %3 queries short of negatives.</source>
        <translation>已挖掘 %1：选出 %2 个负例，%3 条查询负例不足。</translation>
    </message>
    <message>
        <source>rank %1 (score %2)</source>
        <translation>排名 %1（分数 %2）</translation>
    </message>
    <message>
        <source>This query&apos;s positive is not among the %1 hits listed: it is at %2 of %3 candidates.</source>
        <translation>此查询的正例不在列出的 %1 个结果中：它位于 %3 个候选中的 %2。</translation>
    </message>
    <message>
        <source>relative_margin %1 drops every candidate: each scores above %2 x its query&apos;s lowest positive score. This model&apos;s scores are too close together for this margin (a random or untuned model&apos;s are): lower the margin or turn it off.</source>
        <translation>relative_margin %1 丢弃了所有候选：每个候选的分数都高于其查询最低正例分数的 %2 倍。此模型的分数彼此过于接近，不适合此边距（随机或未调优的模型就是如此）：请降低边距或将其关闭。</translation>
    </message>
    <message>
        <source>These settings cannot be mined: %1</source>
        <translation>这些设置无法用于挖掘：%1</translation>
    </message>
    <message>
        <source>Cannot write the job&apos;s options to %1.</source>
        <translation>无法将任务选项写入 %1。</translation>
    </message>
    <message>
        <source>Mining failed: %1</source>
        <translation>挖掘失败：%1</translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::RecordBrowser</name>
    <message>
        <source>raw line %1:
%2</source>
        <translation>原始第 %1 行：
%2</translation>
    </message>
    <message>
        <source>Select a record to see it in full</source>
        <translation>选择一条记录以查看完整内容</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message numerus="yes">
        <source>%1: the first %n line(s), indexing the whole file...</source>
        <translation>
            <numerusform>%1：前 %n 行，正在索引整个文件...</numerusform>
        </translation>
    </message>
    <message>
        <source>indexing cancelled; the first lines are shown</source>
        <translation>索引已取消；仅显示前几行</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n line(s)</source>
        <translation>
            <numerusform>%1：%n 行</numerusform>
        </translation>
    </message>
    <message>
        <source>Search queries, positives and negatives...</source>
        <translation>搜索查询、正例和负例...</translation>
    </message>
    <message>
        <source>Regular expression</source>
        <translation>正则表达式</translation>
    </message>
    <message>
        <source>Only invalid lines</source>
        <translation>仅无效行</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>search cancelled</source>
        <translation>搜索已取消</translation>
    </message>
    <message>
        <source>%1: %2 of %3 lines match</source>
        <translation>%1：%3 行中有 %2 行匹配</translation>
    </message>
    <message>
        <source>Stop indexing or searching; what is there stays browsable</source>
        <translation>停止索引或搜索；已有内容仍可浏览</translation>
    </message>
    <message>
        <source>Query/text characters from</source>
        <translation>查询/文本字符数从</translation>
    </message>
    <message>
        <source>a passage&apos;s characters from</source>
        <translation>段落字符数从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <source>any</source>
        <translation>不限</translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::RecordTableModel</name>
    <message>
        <source>(the file changed on disk; reopen it)</source>
        <translation>（文件已在磁盘上更改；请重新打开）</translation>
    </message>
    <message>
        <source>(a line of %1 bytes, too long to show)</source>
        <translation>（一行 %1 字节，过长，无法显示）</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Query / text</source>
        <translation>查询 / 文本</translation>
    </message>
    <message>
        <source>Positives</source>
        <translation>正例</translation>
    </message>
    <message>
        <source>Negatives</source>
        <translation>负例</translation>
    </message>
    <message>
        <source>Characters</source>
        <translation>字符数</translation>
    </message>
    <message>
        <source>Longest passage</source>
        <translation>最长段落</translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::RunComparisonView</name>
    <message>
        <source>Differences only</source>
        <translation>仅显示差异</translation>
    </message>
    <message>
        <source>Export plot...</source>
        <translation>导出图表...</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>&lt;b&gt;Options&lt;/b&gt;</source>
        <translation>&lt;b&gt;选项&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Final metrics&lt;/b&gt; (the best of each row in bold)</source>
        <translation>&lt;b&gt;最终指标&lt;/b&gt;（每行最佳值以粗体显示）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Curves&lt;/b&gt;</source>
        <translation>&lt;b&gt;曲线&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Select two runs or more (Ctrl+click or Shift+click) and press Compare to see their options side by side, their final metrics with the best in bold, and their metric curves on one plot.</source>
        <translation>选择两个或更多运行（Ctrl+单击或 Shift+单击），然后点击“比较”，即可并排查看它们的选项、最终指标（最佳值以粗体显示）以及绘制在同一图表中的指标曲线。</translation>
    </message>
    <message>
        <source>metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>option</source>
        <translation>选项</translation>
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
        <translation>类型</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Key options</source>
        <translation>主要选项</translation>
    </message>
    <message>
        <source>Key metrics</source>
        <translation>主要指标</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>%1 negatives, %2 queries short</source>
        <translation>%1 个负例，%2 个查询不足</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::ThresholdsPanel</name>
    <message>
        <source>precision %1 · recall %2 · F1 %3
true positives %4 · false positives %5 · false negatives %6 · true negatives %7</source>
        <translation>精确率 %1 · 召回率 %2 · F1 %3
真正例 %4 · 假正例 %5 · 假负例 %6 · 真负例 %7</translation>
    </message>
    <message>
        <source>Labelled pairs</source>
        <translation>已标注的文本对</translation>
    </message>
    <message>
        <source>Pairs (*.tsv *.jsonl)</source>
        <translation>文本对 (*.tsv *.jsonl)</translation>
    </message>
    <message>
        <source>Score labelled pairs</source>
        <translation>为已标注的文本对打分</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <source>Pairs:</source>
        <translation>文本对：</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>浏览...</translation>
    </message>
    <message>
        <source>Target precision:</source>
        <translation>目标精确率：</translation>
    </message>
    <message>
        <source>&amp;Score and fit</source>
        <translation>打分并拟合(&amp;S)</translation>
    </message>
    <message>
        <source>Threshold (drag the line in the plots)</source>
        <translation>阈值（可在图表中拖动该线）</translation>
    </message>
    <message>
        <source>Similar when the score is at least</source>
        <translation>分数不低于此值时视为相似</translation>
    </message>
    <message>
        <source>Best F1</source>
        <translation>最佳 F1</translation>
    </message>
    <message>
        <source>Target precision</source>
        <translation>目标精确率</translation>
    </message>
    <message>
        <source>cosine similarity</source>
        <translation>余弦相似度</translation>
    </message>
    <message>
        <source>share of pairs (%)</source>
        <translation>文本对占比 (%)</translation>
    </message>
    <message>
        <source>threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>precision, recall, F1</source>
        <translation>精确率、召回率、F1</translation>
    </message>
    <message>
        <source>Choose a model and labelled pairs, then score them: the thresholds are fitted on half of the pairs and reported on the other half.</source>
        <translation>请选择模型和已标注的文本对，然后为其打分：阈值在一半文本对上拟合，并在另一半上报告结果。</translation>
    </message>
    <message>
        <source>Choose a model and a file of labelled pairs first.</source>
        <translation>请先选择模型和已标注文本对的文件。</translation>
    </message>
    <message>
        <source>Scoring %1...</source>
        <translation>正在为 %1 打分...</translation>
    </message>
    <message>
        <source>Scoring failed: %1</source>
        <translation>打分失败：%1</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Fitted on %1 pairs (%2 groups), reported on the other %3 pairs (%4 groups).</source>
        <translation>在 %1 个文本对（%2 组）上拟合，在其余 %3 个文本对（%4 组）上报告。</translation>
    </message>
    <message>
        <source>Best F1: threshold %1, F1 %2 where fitted, %3 on the other part.</source>
        <translation>最佳 F1：阈值 %1，拟合部分 F1 为 %2，另一部分为 %3。</translation>
    </message>
    <message>
        <source>Precision %1: threshold %2; precision %3 on the other part, recall %4.</source>
        <translation>精确率 %1：阈值 %2；另一部分的精确率为 %3，召回率为 %4。</translation>
    </message>
    <message>
        <source>No threshold reaches a precision of %1 on the fit part.</source>
        <translation>在拟合部分上没有阈值能达到 %1 的精确率。</translation>
    </message>
    <message>
        <source>Scores in %1.</source>
        <translation>分数位于 %1。</translation>
    </message>
    <message>
        <source>similar pairs (%1)</source>
        <translation>相似对（%1）</translation>
    </message>
    <message>
        <source>dissimilar pairs (%1)</source>
        <translation>不相似对（%1）</translation>
    </message>
    <message>
        <source>precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>recall</source>
        <translation>召回率</translation>
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
        <translation>在留出部分上（新文本对上的预期效果）：
%1

在拟合部分上：
%2</translation>
    </message>
    <message>
        <source>Reranker: sigmoid scores in [0, 1]</source>
        <translation>重排序模型：sigmoid 分数，范围 [0, 1]</translation>
    </message>
    <message>
        <source>reranker logit</source>
        <translation>重排序模型 logit</translation>
    </message>
    <message>
        <source>reranker score, sigmoid(logit)</source>
        <translation>重排序模型分数，sigmoid(logit)</translation>
    </message>
    <message>
        <source>%1 cannot be read.</source>
        <translation>无法读取 %1。</translation>
    </message>
    <message>
        <source>%1 has no dissimilar pair (no line labelled 0): a threshold needs both kinds.</source>
        <translation>%1 中没有不相似的文本对（没有标签为 0 的行）：阈值需要两类文本对。</translation>
    </message>
    <message>
        <source>%1 has no dissimilar pairs: no line has &quot;neg&quot; texts. Mine negatives first (Mining panel) and choose the mined file.</source>
        <translation>%1 中没有不相似的文本对：没有任何行包含“neg”文本。请先挖掘负例（挖掘面板），然后选择挖掘得到的文件。</translation>
    </message>
    <message>
        <source>Cannot write the job&apos;s options to %1.</source>
        <translation>无法将任务选项写入 %1。</translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::TokenStatisticsView</name>
    <message>
        <source>&amp;Tokenizer:</source>
        <translation>分词器(&amp;T)：</translation>
    </message>
    <message>
        <source>The model folder whose tokenizer counts the tokens (tokenizer.json or vocab.txt)</source>
        <translation>用于统计词元的分词器所在的模型文件夹（tokenizer.json 或 vocab.txt）</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>浏览...</translation>
    </message>
    <message>
        <source>&amp;query_max_len:</source>
        <translation>query_max_len(&amp;Q)：</translation>
    </message>
    <message>
        <source>&amp;passage_max_len:</source>
        <translation>passage_max_len(&amp;P)：</translation>
    </message>
    <message>
        <source>Tokens per query, special tokens included, as training uses</source>
        <translation>每个查询的词元数（含特殊词元），与训练时一致</translation>
    </message>
    <message>
        <source>Tokens per passage, special tokens included</source>
        <translation>每个段落的词元数（含特殊词元）</translation>
    </message>
    <message>
        <source>Query &amp;instruction:</source>
        <translation>查询指令(&amp;I)：</translation>
    </message>
    <message>
        <source>none (e.g. &quot;query: &quot; for E5)</source>
        <translation>无（例如 E5 使用 &quot;query: &quot;）</translation>
    </message>
    <message>
        <source>Put before every query without a &quot;prompt&quot; of its own, as query_instruction_for_retrieval does in training</source>
        <translation>添加到每个没有自身 &quot;prompt&quot; 的查询之前，作用与训练中的 query_instruction_for_retrieval 相同</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Choose a model folder (one with tokenizer.json or vocab.txt) to count query and passage lengths in tokens, as the model will see them, and to see how much query_max_len and passage_max_len would truncate.</source>
        <translation>选择一个模型文件夹（包含 tokenizer.json 或 vocab.txt），按模型实际看到的方式统计查询和段落的词元长度，并查看 query_max_len 和 passage_max_len 会截断多少内容。</translation>
    </message>
    <message>
        <source>query length (tokens)</source>
        <translation>查询长度（词元）</translation>
    </message>
    <message>
        <source>passage length (tokens)</source>
        <translation>段落长度（词元）</translation>
    </message>
    <message>
        <source>share of texts (%)</source>
        <translation>文本占比 (%)</translation>
    </message>
    <message>
        <source>negatives per query</source>
        <translation>每个查询的负例数</translation>
    </message>
    <message>
        <source>queries</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>(no model folder found)</source>
        <translation>（未找到模型文件夹）</translation>
    </message>
    <message>
        <source>Model folder with a tokenizer</source>
        <translation>包含分词器的模型文件夹</translation>
    </message>
    <message>
        <source>%1 has neither tokenizer.json nor vocab.txt.</source>
        <translation>%1 中既没有 tokenizer.json 也没有 vocab.txt。</translation>
    </message>
    <message>
        <source>Counting tokens: %p%</source>
        <translation>正在统计词元：%p%</translation>
    </message>
    <message>
        <source>Counting was cancelled; the plots show the part read.</source>
        <translation>统计已取消；图表显示已读取的部分。</translation>
    </message>
    <message>
        <source>No queries in this dataset.</source>
        <translation>此数据集中没有查询。</translation>
    </message>
    <message>
        <source>No passages in this dataset.</source>
        <translation>此数据集中没有段落。</translation>
    </message>
    <message>
        <source>kept whole</source>
        <translation>完整保留</translation>
    </message>
    <message>
        <source>truncated</source>
        <translation>截断</translation>
    </message>
    <message>
        <source>%1 = %2
%3 truncated</source>
        <translation>%1 = %2
截断 %3</translation>
    </message>
    <message>
        <source>passages</source>
        <translation>段落</translation>
    </message>
    <message>
        <source>%1 %2: median %3 tokens, 99th percentile %4, longest %5; %6 longer than %7.</source>
        <translation>%1 个%2：中位数 %3 个词元，第 99 百分位 %4，最长 %5；%6 超过 %7。</translation>
    </message>
    <message>
        <source>Only training files have negatives.</source>
        <translation>只有训练文件包含负例。</translation>
    </message>
    <message>
        <source>No query has negatives yet:
mine them (Mining panel).</source>
        <translation>尚无查询包含负例：
请先挖掘（挖掘面板）。</translation>
    </message>
    <message>
        <source>This dataset has no texts to count (relevance judgments, or a file whose kind is unknown).</source>
        <translation>此数据集中没有可统计的文本（相关性标注，或类型未知的文件）。</translation>
    </message>
    <message>
        <source>Counting...</source>
        <translation>正在统计...</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n 条记录</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n invalid line(s) skipped</source>
        <translation>
            <numerusform>已跳过 %n 行无效行</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 repeated queries</source>
        <translation>%1 个重复查询</translation>
    </message>
    <message>
        <source>%1 distinct passages, %2 repeats</source>
        <translation>%1 个不同段落，%2 个重复</translation>
    </message>
    <message>
        <source>(too many texts to track them all: at least)</source>
        <translation>（文本过多，无法全部跟踪：至少）</translation>
    </message>
    <message>
        <source>(so far)</source>
        <translation>（目前为止）</translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::TrainingOptionForm</name>
    <message>
        <source>Training data (*.jsonl)</source>
        <translation>训练数据 (*.jsonl)</translation>
    </message>
    <message>
        <source>model_name_or_path: choose a model folder.</source>
        <translation>model_name_or_path：请选择模型文件夹。</translation>
    </message>
    <message>
        <source>train_data: choose a training file.</source>
        <translation>train_data：请选择训练文件。</translation>
    </message>
    <message>
        <source>output_dir: choose a run folder.</source>
        <translation>output_dir：请选择运行文件夹。</translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation>无法读取 %1。</translation>
    </message>
    <message>
        <source>%1 is not a JSON object of training options.</source>
        <translation>%1 不是包含训练选项的 JSON 对象。</translation>
    </message>
    <message>
        <source>(the model&apos;s own setting)</source>
        <translation>（模型自身的设置）</translation>
    </message>
    <message>
        <source>Separate several with &apos;;&apos;.</source>
        <translation>多个之间用 &apos;;&apos; 分隔。</translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::TrainingPanel</name>
    <message>
        <source>Load training options</source>
        <translation>加载训练选项</translation>
    </message>
    <message>
        <source>Training options (*.json)</source>
        <translation>训练选项 (*.json)</translation>
    </message>
    <message>
        <source>Save training options</source>
        <translation>保存训练选项</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>Load options...</source>
        <translation>加载选项...</translation>
    </message>
    <message>
        <source>A preset, a --config file or a run folder&apos;s training_options.json</source>
        <translation>预设、--config 文件或运行文件夹中的 training_options.json</translation>
    </message>
    <message>
        <source>Save options...</source>
        <translation>保存选项...</translation>
    </message>
    <message>
        <source>&amp;Launch</source>
        <translation>启动(&amp;L)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop at the next batch, with a checkpoint</source>
        <translation>在下一个批次处停止，并保存检查点</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>cosine similarity to the query</source>
        <translation>与查询的余弦相似度</translation>
    </message>
    <message>
        <source>share (%)</source>
        <translation>占比 (%)</translation>
    </message>
    <message>
        <source>Set the options and launch: the run&apos;s curves appear here as it trains. It keeps running if the window closes.</source>
        <translation>设置选项并启动：训练过程中，运行的曲线会显示在这里。关闭窗口后运行仍会继续。</translation>
    </message>
    <message>
        <source>Cannot launch: %1</source>
        <translation>无法启动：%1</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>Starting %1...</source>
        <translation>正在启动 %1...</translation>
    </message>
    <message>
        <source>Stopping at the next batch, with a checkpoint...</source>
        <translation>将在下一个批次处停止，并保存检查点...</translation>
    </message>
    <message>
        <source>step %1 of %2</source>
        <translation>第 %1 步，共 %2 步</translation>
    </message>
    <message>
        <source>Step %1 of %2 · epoch %3 · loss %4 · %5 samples/s · %6 left</source>
        <translation>第 %1 步，共 %2 步 · 第 %3 轮 · 损失 %4 · %5 样本/秒 · 剩余 %6</translation>
    </message>
    <message>
        <source>Finished: the model is in %1.</source>
        <translation>已完成：模型位于 %1。</translation>
    </message>
    <message>
        <source>The run failed: %1</source>
        <translation>运行失败：%1</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>第 %1 步</translation>
    </message>
    <message>
        <source>%1 (mean %2)</source>
        <translation>%1（平均 %2）</translation>
    </message>
    <message>
        <source>positives</source>
        <translation>正例</translation>
    </message>
    <message>
        <source>hard negatives</source>
        <translation>困难负例</translation>
    </message>
    <message>
        <source>in-batch negatives</source>
        <translation>批内负例</translation>
    </message>
    <message>
        <source>Continue the selected run from its latest checkpoint</source>
        <translation>从最近的检查点继续所选运行</translation>
    </message>
    <message>
        <source>Allow several runs at once</source>
        <translation>允许同时进行多个运行</translation>
    </message>
    <message>
        <source>Launch while another run is going (they share the CPU or GPUs)</source>
        <translation>在另一个运行进行时启动（它们共享 CPU 或 GPU）</translation>
    </message>
    <message>
        <source>A run is going: stop it first, or allow several runs at once.</source>
        <translation>已有运行正在进行：请先停止它，或允许同时进行多个运行。</translation>
    </message>
    <message>
        <source>A run is going in %1: choose another output_dir.</source>
        <translation>%1 中已有运行正在进行：请选择其他 output_dir。</translation>
    </message>
    <message>
        <source>running, step %1 of %2</source>
        <translation>运行中，第 %1 步，共 %2 步</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>正在启动</translation>
    </message>
    <message>
        <source>finished, %1 steps</source>
        <translation>已完成，%1 步</translation>
    </message>
    <message>
        <source>stopped at step %1</source>
        <translation>已在第 %1 步停止</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>reranker score, sigmoid(logit)</source>
        <translation>重排序模型分数，sigmoid(logit)</translation>
    </message>
    <message>
        <source>model_name_or_path: %1 is not a folder.</source>
        <translation>model_name_or_path：%1 不是文件夹。</translation>
    </message>
    <message>
        <source>train_data: %1 does not exist.</source>
        <translation>train_data：%1 不存在。</translation>
    </message>
    <message>
        <source>Stopped at step %1 with a checkpoint; Resume continues from it.</source>
        <translation>已在第 %1 步停止并保存检查点；“继续”将从此处继续。</translation>
    </message>
    <message>
        <source>stopped at step %1 of %2</source>
        <translation>已在第 %1 / %2 步停止</translation>
    </message>
    <message>
        <source>failed at step %1 of %2</source>
        <translation>在第 %1 / %2 步失败</translation>
    </message>
    <message>
        <source>eval_data: %1 does not exist.</source>
        <translation>eval_data：%1 不存在。</translation>
    </message>
    <message>
        <source>dev %1</source>
        <translation>开发集 %1</translation>
    </message>
    <message>
        <source>best (step %1)</source>
        <translation>最佳（第 %1 步）</translation>
    </message>
    <message>
        <source>base model %1</source>
        <translation>基础模型 %1</translation>
    </message>
    <message>
        <source>%1 already holds files: choose another output_dir, or tick overwrite_output_dir.</source>
        <translation>%1 已包含文件：请选择其他 output_dir，或勾选 overwrite_output_dir。</translation>
    </message>
    <message>
        <source>pre-training has no similarities: its loss shows the progress</source>
        <translation>预训练没有相似度：其损失显示进度</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>EmbedLab: fine-tune text-embedding models and rerankers.</source>
        <translation>EmbedLab：微调文本嵌入模型和重排序模型。</translation>
    </message>
    <message>
        <source>Open the workspace folder DIR.</source>
        <translation>打开工作区文件夹 DIR。</translation>
    </message>
    <message>
        <source>Show the panel NAME (%1).</source>
        <translation>显示面板 NAME（%1）。</translation>
    </message>
    <message>
        <source>Render the window to FILE.png (offscreen) and exit.</source>
        <translation>将窗口渲染到 FILE.png（离屏）并退出。</translation>
    </message>
    <message>
        <source>CPU threads for LibTorch and BLAS.</source>
        <translation>LibTorch 和 BLAS 使用的 CPU 线程数。</translation>
    </message>
    <message>
        <source>Show the interface in LANGUAGE (en, de, zh_CN) this time; Preferences sets it for good.</source>
        <translation>本次以 LANGUAGE（en、de、zh_CN）显示界面；在首选项中可永久设置。</translation>
    </message>
    <message>
        <source>Run the demo in the panels (mine, train, evaluate, fit thresholds).</source>
        <translation>在各面板中运行演示（挖掘、训练、评估、拟合阈值）。</translation>
    </message>
    <message>
        <source>With --run-demo: capture each panel into DIR as the demo goes, then exit.</source>
        <translation>配合 --run-demo：演示进行时把每个面板截图保存到 DIR，然后退出。</translation>
    </message>
    <message>
        <source>The workspace folder (as --workspace).</source>
        <translation>工作区文件夹（同 --workspace）。</translation>
    </message>
</context>
<context>
    <name>workspace</name>
    <message>
        <source>The demo workspace is not installed.</source>
        <translation>未安装演示工作区。</translation>
    </message>
    <message>
        <source>Could not copy the demo workspace to %1: %2</source>
        <translation>无法将演示工作区复制到 %1：%2</translation>
    </message>
</context>
</TS>
