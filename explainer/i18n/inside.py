"""Inside the layer: traces, hidden states, the equation page, its textbook variants and cells. English and Chinese side by side (explainer.i18n merges every catalogue)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "hs.strided": (
        "every {stride}th step drawn ({shown} of {seq_len}) to keep the page light; "
        "the exports hold every step",
        "为减轻页面负担，每 {stride} 步画一步（共 {seq_len} 步，画出 {shown} 步）；导出文件包含每一步",
    ),
    "hs.title": ("Inside the layer: hidden states", "层的内部：隐藏状态"),
    "hs.purpose": (
        "Every hidden state of every layer and direction at every timestep, computed from PyTorch's "
        "equations by hand and checked against the real module.",
        "每一层、每个方向、每个时间步的隐藏状态：按 PyTorch 的公式手算，并与真实模块逐一核对。",
    ),
    "hs.source": ("Input", "输入"),
    "src.random": ("seeded random numbers", "随机数（固定种子）"),
    "src.sine": ("a sine wave (time series)", "正弦波（时间序列）"),
    "src.text": ("text through nn.Embedding", "文本经过 nn.Embedding"),
    "hs.text": ("Text (one timestep per character)", "文本（每个字符一个时间步）"),
    "hs.text_note": (
        "Text input: one step per character, so L = {L} and N = 1; each character is a row of "
        "nn.Embedding({vocab}, {H_in}).",
        "文本输入：每个字符一个时间步，所以 L = {L}、N = 1；每个字符是 nn.Embedding({vocab}, {H_in}) 的一行。",
    ),
    "hs.sine_note": (
        "Sine wave: feature j is the wave j steps later (period {period} steps); each batch item starts "
        "at its own phase.",
        "正弦波：第 j 个特征是延后 j 步的波形（周期 {period} 步）；每个样本的相位不同。",
    ),
    "hs.quantity": ("Show", "显示"),
    "q.h": ("h: hidden state", "h：隐藏状态"),
    "q.c": ("c: cell state", "c：细胞状态"),
    "q.i": ("i: input gate", "i：输入门"),
    "q.f": ("f: forget gate", "f：遗忘门"),
    "q.g": ("g: cell candidate", "g：候选细胞状态"),
    "q.o": ("o: output gate", "o：输出门"),
    "q.r": ("r: reset gate", "r：重置门"),
    "q.z": ("z: update gate", "z：更新门"),
    "q.n": ("n: candidate hidden state (torch's 'new gate')", "n：候选隐藏状态（torch 文档中的 new gate）"),
    "hs.layer": ("Layer", "层"),
    "hs.item": ("Batch item", "batch 中的样本"),
    "hs.units": ("Units to plot over time", "要画出随时间变化的单元"),
    "hs.unit": ("unit", "单元"),
    "hs.heatmap": ("{q}, every unit at every step", "{q}——每个单元在每个时间步的值"),
    "hs.lines": ("Chosen units over time", "所选单元随时间的变化"),
    "hs.panel_output": ("= {index} (top layer)", "= {index}（最上层）"),
    "hs.panel_h_n": ("h_n[{row}] is t = {t}", "h_n[{row}] 即 t = {t}"),
    "hs.panel_c_n": ("c_n[{row}] is t = {t}", "c_n[{row}] 即 t = {t}"),
    "hs.hover": (
        "t = %{{x}}<br>unit %{{y}}<br>{q} = %{{z:.6f}}",
        "t = %{{x}}<br>单元 %{{y}}<br>{q} = %{{z:.6f}}",
    ),
    "hs.finals_lstm": ("h_n and c_n", "h_n 和 c_n"),
    "hs.backed": (
        "Every h on this page is held against the real module: the top layer against output, the final "
        "states against {finals}, each inner layer against a real one-layer nn.{mode} with that "
        "layer's weights, fed the layer below.",
        "本页的每个 h 都与真实模块核对：最上层对照 output，最终状态对照 {finals}，"
        "每个内部层对照一个真实的单层 nn.{mode}：它装有该层的权重，输入是其下面一层的输出。",
    ),
    "hs.gates_note": (
        "The module does not return its gates (nor the candidates g and n); they are "
        "backed by the h and c they produce.",
        "模块不返回门（以及候选值 g、n）的值；它们由算出的 h 和 c 间接验证。",
    ),
    "hs.ok": (
        "Manual and module agree: largest |Δ| = {diff}, within the tolerance {tol}.",
        "手算与模块一致：最大 |Δ| = {diff}，在容差 {tol} 之内。",
    ),
    "hs.bad": (
        "Manual and module differ: largest |Δ| = {diff}, above the tolerance {tol}.",
        "手算与模块不一致：最大 |Δ| = {diff}，超过容差 {tol}。",
    ),
    "eq.title": ("Equation check", "公式验证"),
    "eq.purpose": (
        "PyTorch's equations for this module, one step with the real numbers substituted, and the "
        "whole sequence computed by hand against the real module.",
        "该模块的 PyTorch 公式、代入真实数值的某一步，以及整段序列的手算结果与真实模块的对比。",
    ),
    "eq.equations": ("PyTorch's equations for nn.{mode}", "nn.{mode} 的 PyTorch 公式"),
    "eq.conventions": (
        "PyTorch's conventions, not the textbook's. Its docs write nn.RNN as x Wᵀ and "
        "nn.LSTM and nn.GRU as W x: the same product, W x for one column vector x and "
        "x Wᵀ for a batch of row vectors, which is what torch computes. Every gate has "
        "two biases (b_i* and b_h*); LSTM's gates are stacked i, f, g, o and GRU's r, "
        "z, n.",
        "这里是 PyTorch 的约定，而不是教材的。PyTorch 文档把 nn.RNN 写成 x Wᵀ，把 nn.LSTM "
        "和 nn.GRU 写成 W x：二者是同一个乘积，对单个列向量 x 写作 W x，对一批行向量写作 "
        "x Wᵀ（torch 实际就是这样算的）。每个门有两个偏置（b_i* 和 b_h*）；LSTM 的门按 "
        "i、f、g、o 堆叠，GRU 按 r、z、n 堆叠。",
    ),
    "eq.gru_note": (
        "In nn.GRU, r multiplies (W_hn h + b_hn): the textbook GRU resets h before the matmul, which "
        "gives different numbers.",
        "在 nn.GRU 中，r 乘的是 (W_hn h + b_hn)；教材版 GRU 在矩阵乘法之前重置 h，得到的数值不同。",
    ),
    "eq.pick": ("One step with its numbers", "代入数值的一步"),
    "eq.direction": ("Direction", "方向"),
    "eq.t": ("Timestep t", "时间步 t"),
    "eq.step": (
        "Layer {layer}, {direction}, t = {t}, batch item {item}",
        "第 {layer} 层，{direction}，t = {t}，样本 {item}",
    ),
    "eq.prev_init": (
        "This is the direction's first step, so hₜ₋₁ (and cₜ₋₁) is the initial state: zeros.",
        "这是该方向的第一步，所以 hₜ₋₁（和 cₜ₋₁）是初始状态：全零。",
    ),
    "eq.prev": ("hₜ₋₁ is this direction's state at t = {prev}.", "hₜ₋₁ 是该方向在 t = {prev} 处的状态。"),
    "eq.operands": ("Operands", "运算数"),
    "eq.results": ("Results", "结果"),
    "eq.step_vs_trace": (
        "This step, recomputed from the weights, equals the traced numbers: max |Δ| = {diff}.",
        "由权重重新计算的这一步与跟踪记录的数值一致：最大 |Δ| = {diff}。",
    ),
    "eq.step_vs_trace_bad": (
        "This step, recomputed from the weights, differs from the traced numbers: max |Δ| = {diff}.",
        "由权重重新计算的这一步与跟踪记录的数值不一致：最大 |Δ| = {diff}。",
    ),
    "eq.whole": ("Whole sequence: manual vs module", "整段序列：手算 vs 模块"),
    "eq.diff_name": ("max |manual − module| in output", "output 中最大 |手算 − 模块|"),
    "eq.tolerance_line": ("tolerance {tol}", "容差 {tol}"),
    "eq.tolerance": ("Tolerance {tol}: {why}", "容差 {tol}：{why}"),
    "eq.dtype": ("Precision", "精度"),
    "eq.source": ("The code that computed every step", "计算每一步的代码"),
    "eq.source_caption": (
        "Shown with inspect.getsource from explainer/manual.py: this is the function that ran.",
        "由 inspect.getsource 从 explainer/manual.py 读出：这正是运行的那个函数。",
    ),
    "eq.device": ("Module ran on {device}.", "模块运行于 {device}。"),
    "var.title": ("Common textbook variants", "教材中常见的写法"),
    "var.purpose": (
        "Recompute the whole sequence on the same weights and input with a convention many textbooks "
        "use, and see how far it lands from the real module. Only the convention changes: it is the "
        "manual path above with one step function (or one bias) swapped.",
        "在同样的权重和输入上，换用许多教材采用的约定重新计算整段序列，看看结果离真实模块有多远。"
        "只改约定：这就是上面的手算路径，只换掉了一个步骤函数（或一个偏置）。",
    ),
    "var.pick": ("Convention", "约定"),
    "var.name.pytorch": ("PyTorch's own", "PyTorch 自己的"),
    "var.name.gru_reset_before": ("GRU: reset before the matmul", "GRU：先重置再做矩阵乘法"),
    "var.name.lstm_ifog": ("LSTM: gates read as i, f, o, g", "LSTM：按 i、f、o、g 读取门"),
    "var.name.single_bias": ("One bias: b_ih only, b_hh dropped", "单偏置：只用 b_ih，丢掉 b_hh"),
    "var.why.gru_reset_before": (
        "The original GRU paper (Cho et al., 2014) and d2l reset the state before the "
        "matmul, n = tanh(W_in x + b_in + W_hn (r ⊙ h) + b_hn); PyTorch follows cuDNN, "
        "which computes h W_hhᵀ for the r, z and n blocks in one matrix product before "
        "r is known, so r can only scale the finished product (W_hn h + b_hn).",
        "GRU 原论文（Cho 等，2014）和 d2l 在矩阵乘法之前先重置状态：n = tanh(W_in x + "
        "b_in + W_hn (r ⊙ h) + b_hn)；PyTorch 沿用 cuDNN 的做法，在 r 算出之前就用一次矩阵乘法算好 "
        "r、z、n 三块的 h W_hhᵀ，所以 r 只能作用在乘完的结果 (W_hn h + b_hn) 上。",
    ),
    "var.why.lstm_ifog": (
        "d2l and many tutorials write the gates in the order i, f, o and then the candidate g; PyTorch "
        "(like cuDNN) stacks the rows of weight_ih and weight_hh as i, f, g, o, so code that slices "
        "PyTorch's weights in the textbook's order uses the candidate's rows as the output gate and the "
        "output gate's rows as the candidate.",
        "d2l 和许多教程按 i、f、o 的顺序写门，最后才是候选值 g；PyTorch（与 cuDNN 一样）"
        "把 weight_ih 和 weight_hh 的行按 i、f、g、o 堆叠，所以按教材顺序切分 PyTorch "
        "权重的代码，会把候选值的行当成输出门，把输出门的行当成候选值。",
    ),
    "var.why.single_bias": (
        "This is what a from-scratch textbook implementation with one bias per gate (d2l's b_h) does "
        "when it is given PyTorch's weights: it keeps b_ih and drops b_hh, whereas PyTorch keeps both "
        "biases because cuDNN defines both.",
        "从零实现、每个门只有一个偏置的教材代码（如 d2l 的 b_h）拿到 PyTorch 的权重时就是这样做的："
        "保留 b_ih，丢掉 b_hh；而 PyTorch 保留两个偏置，因为 cuDNN 定义了两个。",
    ),
    "var.name.gru_colah": ("GRU: colah's z (z keeps the candidate)", "GRU：colah 的 z（z 保留候选隐藏状态）"),
    "var.name.lstm_forget_one": ("LSTM: forget bias 1 added in the step", "LSTM：每步给遗忘门加 1"),
    "var.why.gru_colah": (
        "colah's “Understanding LSTM Networks” writes h_t = (1 − z_t) ⊙ hₜ₋₁ + z_t ⊙ ñ_t: z is the share of "
        "the new candidate. PyTorch and d2l write h_t = (1 − z_t) ⊙ n_t + z_t ⊙ hₜ₋₁: z is the share of the "
        "old state. Here only z and 1 − z are swapped (r stays where PyTorch applies it). The change that makes "
        "them equal: since 1 − σ(a) = σ(−a), negating the z rows of weight_ih, weight_hh, bias_ih and bias_hh "
        "turns one convention into the other, so the same architecture learns either way, but weights copied "
        "between the two without that negation compute something else.",
        "colah 的《Understanding LSTM Networks》写作 h_t = (1 − z_t) ⊙ hₜ₋₁ + z_t ⊙ ñ_t：z 是新候选隐藏状态所占的"
        "比例。PyTorch 和 d2l 写作 h_t = (1 − z_t) ⊙ n_t + z_t ⊙ hₜ₋₁：z 是旧状态所占的比例。这里只交换 z 和 "
        "1 − z（r 仍按 PyTorch 的方式作用）。让两者相等的改动：因为 1 − σ(a) = σ(−a)，把 weight_ih、weight_hh、"
        "bias_ih、bias_hh 中 z 对应的行取负，就能从一种约定变成另一种；所以两种写法学得一样好，但在两者之间"
        "直接复制权重而不取负，算出的就是另一回事。",
    ),
    "var.why.lstm_forget_one": (
        "TensorFlow's BasicLSTMCell (forget_bias=1.0 by default) adds 1 to the forget gate's input at every "
        "step, so its stored bias leaves the 1 out: f_t = σ(W_if x_t + b_if + W_hf hₜ₋₁ + b_hf + 1). "
        "Keras' unit_forget_bias=True and Jozefowicz et al. (2015) put that 1 into the bias when it is "
        "initialised instead. The change that makes them equal: add 1 to bias_ih's forget rows (b_if) of "
        "the PyTorch module, which is also how to port weights from such a cell. The gradient page shows "
        "what the 1 does for the gradient.",
        "TensorFlow 的 BasicLSTMCell（默认 forget_bias=1.0）在每一步都给遗忘门的输入加 1，所以它保存的偏置里"
        "不含这个 1：f_t = σ(W_if x_t + b_if + W_hf hₜ₋₁ + b_hf + 1)。Keras 的 unit_forget_bias=True 和 "
        "Jozefowicz 等（2015）则是在初始化时把这个 1 放进偏置。让两者相等的改动：给 PyTorch 模块 bias_ih 中"
        "遗忘门的行（b_if）加 1，从这类 cell 移植权重时也要这样做。梯度流页面展示了这个 1 对梯度的作用。",
    ),
    "var.fold_sum": (
        "In nn.{mode} the two biases only ever appear as a sum, so the faithful one-bias port is "
        "b = b_ih + b_hh.",
        "在 nn.{mode} 中两个偏置总是以和的形式出现，所以正确的单偏置移植是 b = b_ih + b_hh。",
    ),
    "var.fold_gru": (
        "In nn.GRU no single bias is faithful: b_hr and b_hz fold into b_ir and b_iz, "
        "but b_hn sits inside r ⊙ (W_hn h + b_hn), so it cannot be added to b_in.",
        "在 nn.GRU 中没有等价的单偏置写法：b_hr、b_hz 可以并入 b_ir、b_iz，但 b_hn 位于 "
        "r ⊙ (W_hn h + b_hn) 之内，不能并入 b_in。",
    ),
    "var.pytorch_note": (
        "PyTorch's own convention is the manual check above: largest |Δ| = {diff}, tolerance {tol}. "
        "Pick a textbook variant to see what getting one convention wrong costs.",
        "PyTorch 自己的约定就是上面的手算验证：最大 |Δ| = {diff}，容差 {tol}。"
        "选一种教材写法，看看约定错一处会差多少。",
    ),
    "var.col_pytorch": ("PyTorch (nn.{mode})", "PyTorch（nn.{mode}）"),
    "var.col_variant": ("This variant", "这种写法"),
    "var.ifog_names": (
        "Written in PyTorch's block names: the textbook's o_t reads the block where PyTorch keeps g's "
        "weights, and its g_t reads o's.",
        "这里用 PyTorch 的分块名称书写：教材的 o_t 读到的是 PyTorch 存放 g 权重的那一块，g_t 读到的是 o 的那一块。",
    ),
    "var.far": (
        "Largest |variant − module| over the sequence: {diff}, {ratio} times the float tolerance {tol}. "
        "Rounding cannot explain that; the convention does.",
        "整段序列上最大 |变体 − 模块| = {diff}，是浮点容差 {tol} 的 {ratio} 倍。"
        "舍入误差解释不了这么大的差距，差别来自约定。",
    ),
    "var.same": (
        "Largest |variant − module|: {diff}, within the tolerance {tol}: at this setting the two "
        "conventions happen to give the same numbers (a GRU's first step from h₀ = 0 without biases is "
        "one such case); a longer sequence shows the difference.",
        "最大 |变体 − 模块| = {diff}，在容差 {tol} 之内：在当前设置下两种约定恰好给出相同的数值"
        "（例如不带偏置的 GRU 从 h₀ = 0 出发的第一步）；换更长的序列就能看到差别。",
    ),
    "var.finals": ("Final states, variant vs module: {finals}.", "最终状态，变体 vs 模块：{finals}。"),
    "var.diff_name": ("max |variant − module| in output", "output 中最大 |变体 − 模块|"),
    "var.source": (
        "The step this variant swapped in, as it ran (inspect.getsource from explainer/variants.py):",
        "该写法换入的步骤函数，即实际运行的代码（由 inspect.getsource 从 explainer/variants.py 读出）：",
    ),
    "var.same_steps": (
        "The step functions are PyTorch's own (shown at the bottom of the page), called with b_hh = None.",
        "步骤函数与 PyTorch 的相同（见页面底部），只是调用时传入 b_hh = None。",
    ),
    "cell.title": ("The same layer as a loop over nn.{cell}", "同一层，用 nn.{cell} 逐步循环"),
    "cell.purpose": (
        "Copy layer 0's weights into a real nn.{cell} and call it once per timestep, "
        "as the RNNCell tutorial does: nn.{mode} computes the same recurrence, only inside "
        "torch's own kernels (on the CPU, oneDNN for an LSTM in float32 without proj_size "
        "and a C++ loop otherwise; cuDNN on the GPU).",
        "把第 0 层的权重复制进一个真实的 nn.{cell}，像 RNNCell 教程那样每个时间步调用一次："
        "nn.{mode} 计算的是同样的递推，只是放在 torch 自己的内核里（CPU 上，float32 且不带 "
        "proj_size 的 LSTM 用 oneDNN，其余情况是 C++ 循环；GPU 上用 cuDNN）。",
    ),
    "cell.ok": (
        "The cell loop equals the layer: max |Δ| = {diff} (tolerance {tol}).",
        "cell 循环与该层一致：最大 |Δ| = {diff}（容差 {tol}）。",
    ),
    "cell.bad": (
        "The cell loop differs from the layer: max |Δ| = {diff}, above the tolerance {tol}.",
        "cell 循环与该层不一致：最大 |Δ| = {diff}，超过容差 {tol}。",
    ),
    "cell.reverse": (
        "Reverse direction: a second cell holding the _reverse weights loops from t = "
        "L−1 down to 0; its final state is the reverse half of output at t = 0, and row "
        "1 of h_n.",
        "反向：第二个 cell 装入 _reverse 权重，从 t = L−1 循环到 0；它的最终状态是 t "
        "= 0 处 output 的反向一半，也就是 h_n 的第 1 行。",
    ),
    "cell.deeper": (
        "Layer 0 of {layers}: a multi-layer module does not return layer 0's output, so the loop is "
        "held against a real one-layer module with layer 0's weights, and its final states against "
        "the module's own h_n[{rows}].",
        "{layers} 层中的第 0 层：多层模块不会返回第 0 层的输出，所以循环结果与装有第 0 层权重的真实"
        "单层模块比较，最终状态则与模块自身的 h_n[{rows}] 比较。",
    ),
    "cell.single": (
        "Held against the module's own output and h_n.",
        "与模块自身的 output 和 h_n 比较。",
    ),
    "cell.proj": (
        "nn.LSTMCell has no proj_size: its W_hh multiplies the full H-wide h = o ⊙ tanh(c), while the "
        "layer's W_hh (4H × proj_size) multiplies the projected W_hr h. So the loop copies W_hh W_hr "
        "(4H × H) into the cell, keeps the unprojected h as the cell's state and applies W_hr to each h "
        "by hand (w_hr below). It reproduces the layer, but the projection is this code, not the cell.",
        "nn.LSTMCell 没有 proj_size：它的 W_hh 乘的是 H 维的完整 h = o ⊙ tanh(c)，而该层的 W_hh"
        "（4H × proj_size）乘的是投影后的 W_hr h。因此循环把 W_hh W_hr（4H × H）复制进 cell，"
        "以未投影的 h 作为 cell 的状态，并对每个 h 手动乘上 W_hr（即下面的 w_hr）。"
        "结果与该层一致，但投影是这段代码做的，不是 cell 做的。",
    ),
    "cell.unbatched": (
        "Unbatched input is looped as a batch of one.",
        "不带 batch 的输入按批量大小为 1 循环。",
    ),
    "cell.vs_output": ("max |Δ| output", "output 最大 |Δ|"),
    "cell.vs_h_n": ("max |Δ| h_n", "h_n 最大 |Δ|"),
    "cell.vs_c_n": ("max |Δ| c_n", "c_n 最大 |Δ|"),
    "cell.source": ("The loop that ran", "实际运行的循环"),
    "cell.source_caption": (
        "Shown with inspect.getsource from explainer/cells.py: the weight copy and the loop, as they ran.",
        "由 inspect.getsource 从 explainer/cells.py 读出：权重复制和循环，即实际运行的代码。",
    ),
}
