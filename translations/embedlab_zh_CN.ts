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
        <source>Launch contrastive fine-tuning runs and watch them as they happen.</source>
        <translation>启动对比微调运行并实时观察其进展。</translation>
    </message>
    <message>
        <source>Every trainer option, grouped, with a one-sentence explanation and presets</source>
        <translation>所有训练器选项，分组显示，附一句话说明和预设</translation>
    </message>
    <message>
        <source>Live loss and learning-rate curves, samples/s and ETA</source>
        <translation>实时损失和学习率曲线、样本/秒和预计剩余时间</translation>
    </message>
    <message>
        <source>Live similarity histograms of positives, hard negatives and in-batch negatives</source>
        <translation>正例、困难负例和批内负例的实时相似度直方图</translation>
    </message>
    <message>
        <source>Stop with a checkpoint, resume, several runs side by side</source>
        <translation>停止时保存检查点、恢复运行、多个运行并排显示</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Measure whether a model got better on your data.</source>
        <translation>衡量模型在您的数据上是否有所提升。</translation>
    </message>
    <message>
        <source>MRR@k, Recall@k, nDCG@10 and MAP@100 for BEIR and MS MARCO-style sets</source>
        <translation>适用于 BEIR 和 MS MARCO 风格数据集的 MRR@k、Recall@k、nDCG@10 和 MAP@100</translation>
    </message>
    <message>
        <source>Several models on one set in one table, query by query comparison</source>
        <translation>在一张表中列出多个模型在同一数据集上的结果，并逐个查询比较</translation>
    </message>
    <message>
        <source>With and without the query instruction, and re-ranking with a cross-encoder</source>
        <translation>使用与不使用查询指令的对比，以及使用交叉编码器重排序</translation>
    </message>
    <message>
        <source>Thresholds</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>Choose the similarity above which two texts count as similar, from your labelled pairs rather than from a guess like 0.5.</source>
        <translation>根据您标注的文本对来选择判定两个文本相似的相似度阈值，而不是凭猜测取 0.5 之类的值。</translation>
    </message>
    <message>
        <source>Score distributions of similar and dissimilar pairs</source>
        <translation>相似与不相似文本对的分数分布</translation>
    </message>
    <message>
        <source>Precision, recall and F1 over the threshold; the best-F1 threshold and the lowest one reaching a target precision, fitted on one half and reported on the other</source>
        <translation>精确率、召回率和 F1 随阈值的变化；F1 最佳的阈值以及达到目标精确率的最低阈值，在一半数据上拟合，在另一半数据上报告</translation>
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
        <source>Recent &amp;Files</source>
        <translation>最近的文件(&amp;F)</translation>
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
        <source>Applies at the next start.</source>
        <translation>下次启动时生效。</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>CPU &amp;threads:</source>
        <translation>CPU 线程(&amp;T)：</translation>
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
        <source>max_len: texts are cut to this many tokens before encoding</source>
        <translation>max_len：编码前将文本截断为此数量的词元</translation>
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
        <source>Skip the top ranks: they are often unlabelled positives (the reference: 10-210; 2-200 for smaller corpora)</source>
        <translation>跳过排名最靠前的候选：它们常常是未标注的正例（参考实现：10-210；较小的语料库用 2-200）</translation>
    </message>
    <message>
        <source>Ranks from the start up to, not including, the end</source>
        <translation>从起始排名到结束排名（不含结束排名）</translation>
    </message>
    <message>
        <source>negative_number:</source>
        <translation>negative_number:</translation>
    </message>
    <message>
        <source>Negatives written per query</source>
        <translation>每个查询写入的负例数</translation>
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
        <source>Drop candidates scoring above (1 - R) x the query&apos;s lowest positive score: probable false negatives (NV-Retriever uses 0.05)</source>
        <translation>丢弃分数高于 (1 - R) x 该查询最低正例分数的候选：它们很可能是伪负例（NV-Retriever 使用 0.05）</translation>
    </message>
    <message>
        <source>absolute_margin:</source>
        <translation>absolute_margin:</translation>
    </message>
    <message>
        <source>Drop candidates scoring above the lowest positive score minus M</source>
        <translation>丢弃分数高于最低正例分数减 M 的候选</translation>
    </message>
    <message>
        <source>max_score:</source>
        <translation>max_score:</translation>
    </message>
    <message>
        <source>Drop candidates scoring above S</source>
        <translation>丢弃分数高于 S 的候选</translation>
    </message>
    <message>
        <source>&amp;Mine all...</source>
        <translation>全部挖掘(&amp;M)...</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
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
        <source>%1: %p%, about %2 s left</source>
        <translation>%1：%p%，约剩 %2 秒</translation>
    </message>
    <message>
        <source>Mined %1: %2 negatives chosen, %3 queries short of negatives. Report:
%4</source>
        <translation>已挖掘 %1：已选 %2 个负例，%3 个查询负例不足。报告：
%4</translation>
    </message>
    <message>
        <source>Mining failed: %1
%2</source>
        <translation>挖掘失败：%1
%2</translation>
    </message>
    <message>
        <source>Mining %1...</source>
        <translation>正在挖掘 %1...</translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::PlaceholderPanel</name>
    <message>
        <source>What this panel will hold:</source>
        <translation>此面板将包含：</translation>
    </message>
    <message>
        <source>Until then, from a terminal:</source>
        <translation>在此之前，可在终端中使用：</translation>
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
</context>
</TS>
