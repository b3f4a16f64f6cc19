"""The task-patterns page. English and Chinese side by side (explainer.i18n merges every catalogue)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "pat.title": ("Task patterns: how the layer is used in a model", "任务模式：循环层在模型里怎么用"),
    "pat.purpose": (
        "Four ways a model uses the sidebar's module: classify a sequence, label every step, "
        "encode and decode, predict the next step. Every shape below comes from running the real modules.",
        "模型使用侧边栏这个模块的四种方式：给整段序列分类、给每一步打标签、编码再解码、预测下一步。"
        "下面每个形状都来自真实模块的运行结果。",
    ),
    "pat.pattern": ("Pattern", "模式"),
    "pat.name.many_to_one": ("many-to-one: classify a sequence", "多对一：给序列分类"),
    "pat.name.many_to_many": ("many-to-many: a label for every step", "多对多：每一步一个标签"),
    "pat.name.seq2seq": ("encoder–decoder with teacher forcing", "编码器–解码器（教师强制）"),
    "pat.name.bidir": ("next-step prediction: why not bidirectional", "预测下一步：为什么不能用双向"),
    "pat.classes": ("Classes C", "类别数 C"),
    "pat.classes_help": (
        "Classes of the head (the decoder's vocabulary): a whole number from {lo} to {hi}.",
        "输出层的类别数（解码器的词表大小）：{lo} 到 {hi} 之间的整数。",
    ),
    "pat.tensors": ("Every tensor on the way", "沿途的每个张量"),
    "pat.head": ("What feeds the head", "送进输出层的是什么"),
    "pat.loss": ("The loss", "损失"),
    "pat.loss_value": (
        "Loss on these random weights and targets: {value}",
        "在这些随机权重和目标上的损失：{value}",
    ),
    "pat.checks": ("Measured on the real tensors:", "在真实张量上测量："),
    "pat.check_row": ("`{claim}`: max |Δ| = {diff}", "`{claim}`：最大 |Δ| = {diff}"),
    "pat.mistake": ("The classic mistake", "常见错误"),
    "pat.torch_says": ("torch raises:", "torch 报错："),
    "pat.torch_accepts": (
        "torch raises nothing here: the mistake runs silently.",
        "这里 torch 不会报错：这个错误会悄无声息地运行下去。",
    ),
    "pat.snippet": ("Run it yourself", "自己运行"),
    "pat.snippet_caption": (
        "This script builds the same modules with the same weights and data and prints every shape in the "
        "table, the loss and each measured difference.",
        "这段脚本用相同的权重和数据构建同样的模块，并打印表中的每个形状、损失和每个测得的差值。",
    ),
    "pat.note.batched": (
        "Heads and losses take a batch: the input is shown as a batch of N = 1.",
        "输出层和损失函数都需要批量：这里把输入当作批量大小 N = 1 的一批。",
    ),
    "pat.note.two_steps": (
        "Step 0 predicts step 1, so this pattern needs at least 2 steps: it uses L = 2.",
        "第 0 步要预测第 1 步，所以这个模式至少需要 2 个时间步：这里使用 L = 2。",
    ),
    "pat.note.decoder": (
        "Derived from the sidebar: the decoder is `{call}` (one direction: a decoder writes one step after "
        "another and cannot read ahead); its tokens are embedded {E} wide (the encoder's input_size); the "
        "target sequence has T = {T} steps, a length of its own.",
        "由侧边栏推出：解码器是 `{call}`（单向：解码器一步接一步地生成，不能往后看）；它的词元被嵌入成 {E} 维"
        "（即编码器的 input_size）；目标序列有 T = {T} 步，长度与输入无关。",
    ),
    # why each tensor of a pattern has its shape
    "pat.why.x": (
        "The input: L steps, N sequences, H_in features (time first).",
        "输入：L 个时间步、N 条序列、H_in 个特征（时间在前）。",
    ),
    "pat.why.x_bf": (
        "The input: N sequences, L steps, H_in features (batch_first=True).",
        "输入：N 条序列、L 个时间步、H_in 个特征（batch_first=True）。",
    ),
    "pat.why.output": (
        "The last layer's h_t at every step, both directions side by side: D·H_out = {D}·{H_out} wide.",
        "最后一层在每个时间步的 h_t，两个方向并排：最后一维大小为 D·H_out = {D}·{H_out}。",
    ),
    "pat.why.output_uni": (
        "The last layer's h_t at every step: H_out = {H_out} wide.",
        "最后一层在每个时间步的 h_t：最后一维大小为 H_out = {H_out}。",
    ),
    "pat.why.h_n": (
        "Each layer and direction's final state; batch_first never applies to it.",
        "每一层、每个方向的最终状态；batch_first 对它不起作用。",
    ),
    "pat.why.c_n": (
        "The LSTM's final cell states, H_cell = hidden_size wide even with proj_size.",
        "LSTM 的最终细胞状态，最后一维大小是 H_cell = hidden_size，即使设了 proj_size 也一样。",
    ),
    "pat.why.m2o_features": (
        "h_n[-1] is the last layer's state after reading the whole sequence: one vector per sequence.",
        "h_n[-1] 是最后一层读完整段序列后的状态：每条序列一个向量。",
    ),
    "pat.why.m2o_features_bidir": (
        "h_n[-2] (forward, after the last step) and h_n[-1] (reverse, after step 0) of the last layer, "
        "joined along the last dim: 2·H_out = 2·{H_out} wide.",
        "最后一层的 h_n[-2]（正向，读到最后一步）和 h_n[-1]（反向，读到第 0 步），沿最后一维拼接：大小为 2·H_out = 2·{H_out}。",
    ),
    "pat.why.m2o_logits": (
        "nn.Linear(D·H_out, C): one score per class for each sequence.",
        "nn.Linear(D·H_out, C)：每条序列每个类别一个分数。",
    ),
    "pat.why.m2o_target": (
        "One class id per sequence, from 0 to C − 1.",
        "每条序列一个类别编号，取值 0 到 C − 1。",
    ),
    "pat.why.loss": (
        "The mean over every scored item: a 0-dim tensor.",
        "对所有打分项取平均：一个 0 维张量。",
    ),
    "pat.why.m2m_logits": (
        "nn.Linear acts on the last dim only, so it scores every step of every sequence at once.",
        "nn.Linear 只作用在最后一维上，所以一次就给每条序列的每一步打分。",
    ),
    "pat.why.m2m_target": (
        "One class id per step, laid out like the steps of the input.",
        "每一步一个类别编号，排列方式与输入的时间步一致。",
    ),
    "pat.why.m2m_flat": (
        "CrossEntropy wants (items, C): every step of every sequence becomes one row.",
        "CrossEntropy 要求 (样本数, C)：每条序列的每一步变成一行。",
    ),
    "pat.why.m2m_flat_target": (
        "Flattened in the same order as the logits, so row i still meets its own label.",
        "按与 logits 相同的顺序展平，第 i 行仍然对应它自己的标签。",
    ),
    "pat.why.m2m_ncl": (
        "The other form CrossEntropy accepts: (N, C, L), classes in dim 1.",
        "CrossEntropy 接受的另一种形式：(N, C, L)，类别在第 1 维（dim 1）。",
    ),
    "pat.why.m2m_nl": ("Its target: (N, L), batch first.", "对应的目标：(N, L)，批量在前。"),
    "pat.why.m2m_loss_ncl": (
        "The same loss as the flattened one (the difference is measured below).",
        "与展平后的损失相同（下面测量了两者之差）。",
    ),
    "pat.why.s2s_layers": (
        "h_n's rows are ordered layer by layer, forward then reverse: view splits them into (num_layers, D).",
        "h_n 的行按层排列，每层先正向后反向：view 把它们拆成 (num_layers, D)。",
    ),
    "pat.why.s2s_h0_bidir": (
        "Each layer's two directions joined side by side: one state per layer for a one-direction decoder "
        "D·H_out wide.",
        "每一层的两个方向沿最后一维拼接：为隐藏状态大小为 D·H_out 的单向解码器每层提供一个状态。",
    ),
    "pat.why.s2s_c0_bidir": (
        "The cell states joined the same way: D·H_cell wide.",
        "细胞状态按同样方式拼接：最后一维大小为 D·H_cell。",
    ),
    "pat.why.s2s_h0": (
        "The encoder's h_n as it is: the decoder has the same layers and width.",
        "直接使用编码器的 h_n：解码器的层数和隐藏状态大小都与它相同。",
    ),
    "pat.why.s2s_c0": (
        "The encoder's c_n as it is: an LSTM decoder takes both.",
        "直接使用编码器的 c_n：LSTM 解码器两个状态都要。",
    ),
    "pat.why.s2s_target": (
        "The sequence to produce: T = {T} token ids from 1 to C − 1 (0 is the start token).",
        "要生成的序列：T = {T} 个词元编号，取值 1 到 C − 1（0 是起始词元）。",
    ),
    "pat.why.s2s_dec_in": (
        "Teacher forcing: the decoder reads the start token, then the TRUE previous token at each step, "
        "not its own guess.",
        "教师强制：解码器先读起始词元，之后每一步读的是真实的上一个词元，而不是它自己的预测。",
    ),
    "pat.why.s2s_embedded": ("Each token as an H_in-wide vector.", "每个词元变成一个 H_in 维的向量。"),
    "pat.why.s2s_dec_out": (
        "The decoder's h_t at every target step, started from the encoder's final states.",
        "解码器在每个目标时间步的 h_t，从编码器的最终状态出发。",
    ),
    "pat.why.next_pred": (
        "A guess of x_(t+1) from output at every step but the last (nothing follows it).",
        "除最后一步外，每一步都用 output 预测 x_(t+1)（最后一步之后没有值可预测）。",
    ),
    "pat.why.next_target": (
        "The true next values: the input shifted by one step.",
        "真实的下一个值：把输入平移一步。",
    ),
    "pat.why.leak_x": (
        "The same input with only x_1 changed: the value output at step 0 is asked to predict.",
        "同样的输入，只改了 x_1：也就是第 0 步的 output 要预测的那个值。",
    ),
    # what each pattern feeds its head, and its loss
    "pat.m2o.head": (
        "`h_n[-1]`: the last layer's final state has read every step. (It equals the last step of output, "
        "measured below.) With bidirectional=True it would be the reverse direction alone: switch it on in "
        "the sidebar to see the classic mistake.",
        "`h_n[-1]`：最后一层的最终状态读过了每一步。（它等于 output 的最后一步，下面有测量。）"
        "若 bidirectional=True，它就只是反向的状态：在侧边栏打开它，可以看到这个常见错误。",
    ),
    "pat.m2o.head_bidir": (
        "Both directions of the last layer: h_n[-2] is the forward one (it ends at the last step), h_n[-1] "
        "the reverse one (it ends at step 0). output's last step holds the reverse direction after only one "
        "step, so h_n is the summary to use.",
        "最后一层的两个方向：h_n[-2] 是正向（读到最后一步结束），h_n[-1] 是反向（读到第 0 步结束）。"
        "output 的最后一步里，反向只读了一步，所以应当用 h_n 作为整段摘要。",
    ),
    "pat.m2o.loss": (
        "nn.CrossEntropyLoss takes raw scores (N, C) and class ids (N,): no softmax before it.",
        "nn.CrossEntropyLoss 接收原始分数 (N, C) 和类别编号 (N,)：之前不要再加 softmax。",
    ),
    "pat.m2o.mistake": (
        "`h_n[-1]` alone is only the last layer's REVERSE direction, H_out = {H_out} wide, not {width}: "
        "a head built for both directions refuses it.",
        "单独的 `h_n[-1]` 只是最后一层的反向状态，最后一维大小是 H_out = {H_out} 而不是 {width}：为两个方向搭建的输出层不接受它。",
    ),
    "pat.m2m.head": (
        "`output`, the whole of it: every step carries the last layer's state at that step (both directions "
        "when bidirectional: labelling a step may use what comes after it).",
        "整个 `output`：每一步都带着最后一层在该步的状态（双向时两个方向都有：给某一步打标签可以用到它之后的内容）。",
    ),
    "pat.m2m.loss": (
        "CrossEntropy wants the classes in dim 1: flatten to (items, {C}) and (items,), or move the classes "
        "to dim 1 with (N, C, L) and (N, L). Both give the same number.",
        "CrossEntropy 要求类别在第 1 维（dim 1）：要么展平成 (样本数, {C}) 和 (样本数,)，要么把类别移到第 1 维，"
        "用 (N, C, L) 和 (N, L)。两种写法结果相同。",
    ),
    "pat.m2m.mistake_error": (
        "Passing the 3-D logits as they are: torch reads dim 1 (size {dim1}) as the classes, not the C = {C} "
        "scores.",
        "直接传入 3 维的 logits：torch 会把第 1 维（dim 1，大小 {dim1}）当成类别，而不是 C = {C} 个分数。",
    ),
    "pat.m2m.mistake_silent": (
        "Passing the 3-D logits as they are: torch reads dim 1 (size {dim1}) as the classes. Here it equals "
        "C = {C} by chance, so it runs, with the classes on the wrong axis.",
        "直接传入 3 维的 logits：torch 会把第 1 维（dim 1，大小 {dim1}）当成类别。这里它碰巧等于 C = {C}，"
        "所以能运行，但类别用错了维度。",
    ),
    "pat.s2s.head": (
        "`dec_out`: one decoder state per target step, each scored over the vocabulary.",
        "`dec_out`：每个目标时间步一个解码器状态，每个都在整个词表上打分。",
    ),
    "pat.s2s.loss": (
        "As in many-to-many: flatten the steps. At inference there is no target: the decoder reads its own "
        "previous guess instead, one step at a time.",
        "与多对多相同：把各步展平。推理时没有目标：解码器改为一步一步地读取自己上一步的预测。",
    ),
    "pat.s2s.mistake_bidir": (
        "The bidirectional encoder's h_n has {rows} rows H_out = {H_out} wide; a one-direction decoder of "
        "{layers} layers wants {layers} rows {width} wide. Join each layer's two directions (as above), or "
        "map them with an nn.Linear bridge.",
        "双向编码器的 h_n 有 {rows} 行、每行大小为 H_out = {H_out}；{layers} 层的单向解码器需要 {layers} 行、每行大小为 {width}。"
        "请把每层的两个方向拼接起来（如上表），或用一个 nn.Linear 做映射。",
    ),
    "pat.s2s.mistake_layers": (
        "A decoder with another layer count: {more} layers want {more} rows of h_0, the encoder gives {layers}. "
        "Give the decoder the same num_layers, pass only h_n[-k:] to a decoder of k layers, or map the states "
        "with an nn.Linear.",
        "解码器层数不同：{more} 层需要 {more} 行 h_0，编码器只给出 {layers} 行。请让解码器的 num_layers 相同，"
        "或只把 h_n[-k:] 交给 k 层的解码器，或用 nn.Linear 映射状态。",
    ),
    "pat.bidir.head": (
        "`output` at steps 0 … L−2, each asked to predict the input at the next step.",
        "第 0 … L−2 步的 `output`，每一步都要预测下一步的输入。",
    ),
    "pat.bidir.loss": (
        "Mean squared error against the input shifted by one step.",
        "与平移一步后的输入计算均方误差。",
    ),
    "pat.leak": ("Does output at step 0 see its own answer?", "第 0 步的 output 看到了自己的答案吗？"),
    "pat.leak_intro": (
        "Only x_1 (the value to predict) was changed and the real module run again. The change of output at "
        "step 0, per direction:",
        "只改动 x_1（要预测的那个值），再运行一次真实模块。第 0 步的 output 在每个方向上的变化：",
    ),
    "pat.leak_row": (
        "{direction}: max |Δ| = {diff} — {verdict}",
        "{direction}：最大 |Δ| = {diff} —— {verdict}",
    ),
    "pat.leak_yes": ("it changed: this half has read the future", "变了：这一半读到了未来"),
    "pat.leak_no": ("unchanged: it has not read the future", "没变：它没有读到未来"),
    "pat.leak_inactive": (
        "unchanged this time, but only because its relu units are inactive (0) for both inputs: it has read "
        "x_1 all the same, and other weights or inputs show the change",
        "这次没变，但只是因为它的 relu 单元对两个输入都没有激活（输出 0）：它照样读到了 x_1，换一组权重或输入就能看到变化",
    ),
    "pat.leak_bidir": (
        "The bidirectional layer's output at step 0 depends on x_1, the very value it should predict: in "
        "training it can copy the answer, and when generating there is no x_1 yet. Use bidirectional=False "
        "for next-step prediction; a bidirectional layer is for tasks that see the whole sequence first "
        "(tagging, classification, an encoder).",
        "双向层在第 0 步的 output 依赖于 x_1，也就是它本该预测的值：训练时它可以直接抄答案，而生成时 x_1 还不存在。"
        "预测下一步请用 bidirectional=False；双向层适用于先看到整段序列的任务（序列标注、分类、编码器）。",
    ),
    "pat.leak_layers": (
        "With num_layers > 1 even the forward half changed: layer 1 reads layer 0's reverse direction.",
        "num_layers > 1 时连正向部分也变了：第 1 层读入了第 0 层的反向输出。",
    ),
    "pat.leak_uni": (
        "One direction: output at step t has read x_0 … x_t only, so it cannot see the answer. Switch on "
        "bidirectional in the sidebar to see the leak.",
        "单向：第 t 步的 output 只读过 x_0 … x_t，看不到答案。在侧边栏打开 bidirectional 即可看到泄漏。",
    ),
    "pat.forward": ("forward", "正向"),
    "pat.reverse": ("reverse", "反向"),
    "pat.cpu_only": (
        "These tiny models run on the CPU whatever the device chosen in the sidebar: their shapes and "
        "errors are the same on a GPU.",
        "无论侧边栏选了哪个设备，这些小模型都在 CPU 上运行：它们的形状和报错在 GPU 上完全一样。",
    ),
}
