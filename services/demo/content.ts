/**
 * What the demo province says: Vietnamese report texts per sector, the agencies that handle each sector,
 * the Board's officers, collaborators' names and units, and the texts of every lifecycle step.
 * Templates have `{slot}` placeholders, filled by `fillTemplate` from `contentSlots`.
 */
import type { AdminUnit } from '../../domain/localities/admin-unit';
import { ADMIN_UNIT_TYPE_LABELS } from '../../domain/localities/admin-unit';
import type { Sector, Tendency, VerificationOutcome } from '../../domain/vocabulary';
import { Random } from './random';

// ---------------------------------------------------------------------------------------------------------
// Places

/**
 * The three parts of today's Lâm Đồng (merged on 1 July 2025), by GSO commune code: former Bình Thuận (22xxx–23xxx),
 * former Đắk Nông (246xx–247xx) and the former Lâm Đồng. Projects, crops and rivers differ between them.
 */
export type Region = 'LAM_DONG' | 'DAK_NONG' | 'BINH_THUAN';

export function regionOf(communeCode: string): Region {
  const code = Number(communeCode);
  if (code < 24600) return 'BINH_THUAN';
  if (code < 24770) return 'DAK_NONG';
  return 'LAM_DONG';
}

/** Where a report is about: a commune, or the whole province. */
export interface Place {
  /** A commune code, or the province code. */
  code: string;
  /** Set for a commune. */
  commune: AdminUnit | null;
  region: Region;
}

/** 'xã Di Linh', 'phường Xuân Hương - Đà Lạt', or for the province 'nhiều địa phương trong tỉnh'. */
export function placePhrase(place: Place): string {
  if (place.commune === null) return 'nhiều địa phương trong tỉnh';
  return `${ADMIN_UNIT_TYPE_LABELS[place.commune.type].toLowerCase()} ${place.commune.name}`;
}

// ---------------------------------------------------------------------------------------------------------
// Report topics

/** One kind of thing people say: a title and summary with slots, and the tone it is usually said in. */
export interface Topic {
  title: string;
  summary: string;
  tone: Tendency;
  /** The months (1–12) in which people say it, e.g. the rainy season; absent: all year. */
  months?: readonly number[];
}

export const SECTOR_TOPICS: Readonly<Record<Sector, readonly Topic[]>> = {
  PLANNING_LAND: [
    {
      tone: 'NEGATIVE',
      title: 'Người dân {dia_ban} bức xúc vì quy hoạch treo kéo dài',
      summary:
        'Nhiều hộ dân {dia_ban} phản ánh khu đất nằm trong quy hoạch từ nhiều năm nhưng chưa triển khai, không được cấp phép xây dựng, sửa chữa nhà ở, không chuyển mục đích sử dụng đất được; đề nghị công bố rõ lộ trình thực hiện hoặc điều chỉnh quy hoạch.',
    },
    {
      tone: 'NEGATIVE',
      title: 'Tranh chấp đất rẫy giữa các hộ dân tại {dia_ban}',
      summary:
        '{so_ho} hộ dân tại {dia_ban} tranh chấp ranh giới đất rẫy trồng {nong_san}; đã nhiều lần hòa giải ở thôn nhưng không thành, có nguy cơ xô xát nếu không được giải quyết dứt điểm.',
    },
    {
      tone: 'NEGATIVE',
      title: 'Chậm cấp giấy chứng nhận quyền sử dụng đất tại {dia_ban}',
      summary:
        'Người dân {dia_ban} phản ánh hồ sơ cấp giấy chứng nhận quyền sử dụng đất nộp từ {so_thang} tháng trước vẫn chưa có kết quả; việc bàn giao hồ sơ địa chính sau khi không tổ chức cấp huyện còn lúng túng.',
    },
    {
      tone: 'NEGATIVE',
      title: 'Phân lô, bán nền trái phép trên đất nông nghiệp ở {dia_ban}',
      summary:
        'Dư luận tại {dia_ban} quan tâm tình trạng phân lô, tách thửa, mở đường bê tông trên đất nông nghiệp để rao bán nền qua mạng xã hội; người mua lo không được cấp giấy, việc xử lý của chính quyền còn chậm.',
    },
    {
      tone: 'NEGATIVE',
      title: 'Lấn chiếm đất rừng để canh tác tại {dia_ban}',
      summary:
        'Người dân phản ánh một số đối tượng phát, lấn chiếm đất rừng tại {dia_ban} để trồng {nong_san}; lực lượng bảo vệ rừng mỏng, việc xử lý vi phạm chưa nghiêm.',
    },
    {
      tone: 'MIXED',
      title: 'Ý kiến trái chiều về bảng giá đất mới',
      summary:
        'Bảng giá đất mới được người dân {dia_ban} quan tâm: một bộ phận đồng tình vì sát giá thị trường, nhưng nhiều hộ lo tiền sử dụng đất khi chuyển mục đích và các khoản thuế tăng cao, vượt khả năng chi trả.',
    },
    {
      tone: 'POSITIVE',
      title: 'Đồng tình với việc công khai quy hoạch sử dụng đất',
      summary:
        'Người dân {dia_ban} đánh giá cao việc niêm yết công khai quy hoạch sử dụng đất tại trụ sở và trên cổng thông tin điện tử, giúp tra cứu thuận tiện, hạn chế tình trạng "cò đất" thổi giá.',
    },
  ],
  COMPENSATION_SITE_CLEARANCE: [
    {
      tone: 'NEGATIVE',
      title: 'Người dân {dia_ban} không đồng tình với đơn giá bồi thường {du_an}',
      summary:
        '{so_ho} hộ dân {dia_ban} có đất bị thu hồi cho {du_an} cho rằng đơn giá bồi thường đất nông nghiệp và cây {nong_san} thấp hơn nhiều so với giá thị trường; chưa nhận tiền, chưa bàn giao mặt bằng và đề nghị được đối thoại trực tiếp.',
    },
    {
      tone: 'NEGATIVE',
      title: 'Chậm chi trả tiền bồi thường {du_an}',
      summary:
        'Các hộ dân {dia_ban} đã bàn giao mặt bằng cho {du_an} từ {so_thang} tháng trước nhưng chưa nhận đủ tiền bồi thường, hỗ trợ; một số hộ phải thuê nhà ở tạm, đời sống khó khăn.',
    },
    {
      tone: 'NEGATIVE',
      title: 'Bất cập trong bố trí tái định cư {du_an}',
      summary:
        'Người dân thuộc diện tái định cư của {du_an} tại {dia_ban} phản ánh khu tái định cư chưa hoàn thiện điện, nước, đường nội bộ; giá đất tái định cư cao hơn giá bồi thường nên nhiều hộ không đủ tiền nhận lô.',
    },
    {
      tone: 'NEGATIVE',
      title: 'Khiếu nại việc kiểm đếm tài sản trên đất thu hồi tại {dia_ban}',
      summary:
        'Một số hộ tại {dia_ban} khiếu nại biên bản kiểm đếm cây trồng, vật kiến trúc phục vụ {du_an} có sai sót, bỏ sót tài sản; đề nghị kiểm đếm lại công khai, có sự tham gia của Mặt trận Tổ quốc.',
    },
    {
      tone: 'MIXED',
      title: 'Người dân ủng hộ {du_an} nhưng mong được hỗ trợ chuyển đổi nghề',
      summary:
        'Đa số người dân {dia_ban} đồng tình chủ trương đầu tư {du_an}, sẵn sàng bàn giao mặt bằng, nhưng mong được hỗ trợ đào tạo, chuyển đổi nghề và tạo việc làm sau khi mất đất sản xuất.',
    },
    {
      tone: 'POSITIVE',
      title: 'Đánh giá cao việc đối thoại, công khai phương án bồi thường {du_an}',
      summary:
        'Việc chính quyền {dia_ban} tổ chức đối thoại, công khai phương án bồi thường {du_an} được người dân đánh giá cao; khoảng {phan_tram}% số hộ đã đồng thuận bàn giao mặt bằng trước thời hạn.',
    },
  ],
  ENVIRONMENT: [
    {
      tone: 'NEGATIVE',
      title: 'Khai thác {khoang_san} trái phép trên {song}',
      summary:
        'Người dân {dia_ban} phản ánh tình trạng khai thác {khoang_san} trái phép diễn ra về đêm trên {song}, gây sạt lở bờ, mất đất sản xuất; đề nghị các lực lượng chức năng kiểm tra, xử lý dứt điểm.',
    },
    {
      tone: 'NEGATIVE',
      title: 'Ô nhiễm mùi hôi từ trang trại chăn nuôi tại {dia_ban}',
      summary:
        'Hàng trăm hộ dân {dia_ban} bức xúc vì mùi hôi, ruồi nhặng từ trang trại chăn nuôi heo quy mô lớn gần khu dân cư, nhất là vào mùa mưa; nước thải chảy tràn ra suối, ảnh hưởng nguồn nước sinh hoạt.',
    },
    {
      tone: 'NEGATIVE',
      title: 'Rác thải tồn đọng, chậm thu gom tại {dia_ban}',
      summary:
        'Rác thải sinh hoạt tại {dia_ban} tồn đọng nhiều ngày do đơn vị thu gom chậm thực hiện hợp đồng sau sắp xếp đơn vị hành chính; bãi rác tạm gây ô nhiễm, một số hộ tự đốt rác.',
    },
    {
      tone: 'NEGATIVE',
      months: [6, 7, 8, 9, 10, 11],
      title: 'Nguy cơ sạt lở đất mùa mưa đe dọa nhà dân ở {dia_ban}',
      summary:
        'Mưa lớn kéo dài khiến nhiều điểm tại {dia_ban} xuất hiện vết nứt, nguy cơ sạt lở đe dọa {so_ho} hộ dân; người dân mong sớm được di dời, bố trí nơi ở an toàn.',
    },
    {
      tone: 'NEGATIVE',
      title: 'Nước {song} đoạn qua {dia_ban} có dấu hiệu ô nhiễm',
      summary:
        'Người dân phản ánh nước {song} đoạn qua {dia_ban} đổi màu, có mùi hôi, cá chết hàng loạt; nghi do cơ sở chế biến nông sản xả thải chưa qua xử lý.',
    },
    {
      tone: 'POSITIVE',
      title: 'Hưởng ứng phân loại rác tại nguồn ở {dia_ban}',
      summary:
        'Phong trào phân loại rác thải tại nguồn, trồng cây xanh tại {dia_ban} được người dân hưởng ứng tích cực; nhiều tuyến đường "xanh – sạch – đẹp" do Nhân dân tự quản.',
    },
  ],
  ADMINISTRATIVE_REFORM: [
    {
      tone: 'NEGATIVE',
      title: 'Hồ sơ {thu_tuc} trễ hẹn tại {dia_ban}',
      summary:
        'Người dân {dia_ban} phản ánh hồ sơ {thu_tuc} nộp tại bộ phận một cửa đã quá hạn {so_ngay} ngày nhưng không có thư xin lỗi, không được thông báo lý do chậm trễ.',
    },
    {
      tone: 'NEGATIVE',
      title: 'Cán bộ một cửa {dia_ban} hướng dẫn chưa tận tình',
      summary:
        'Một số người dân phản ánh cán bộ tiếp nhận hồ sơ {thu_tuc} tại {dia_ban} yêu cầu bổ sung giấy tờ nhiều lần, hướng dẫn không đầy đủ, thái độ chưa niềm nở.',
    },
    {
      tone: 'MIXED',
      title: 'Người cao tuổi lúng túng khi nộp hồ sơ không phụ thuộc địa giới hành chính',
      summary:
        'Việc tiếp nhận hồ sơ không phụ thuộc địa giới hành chính được người dân đồng tình, tuy nhiên nhiều người lớn tuổi ở {dia_ban} chưa nắm quy trình, vẫn phải đi lại nhiều lần để làm {thu_tuc}.',
    },
    {
      tone: 'POSITIVE',
      title: 'Người dân hài lòng với việc giải quyết thủ tục hành chính tại {dia_ban}',
      summary:
        'Người dân {dia_ban} đánh giá cao việc giải quyết {thu_tuc} nhanh, đúng hẹn; có khu vực hỗ trợ nộp hồ sơ trực tuyến và trả kết quả qua bưu điện.',
    },
  ],
  PUBLIC_INVESTMENT: [
    {
      tone: 'NEGATIVE',
      title: '{cong_trinh} tại {dia_ban} thi công chậm tiến độ',
      summary:
        '{cong_trinh} tại {dia_ban} khởi công từ {so_thang} tháng trước nhưng thi công cầm chừng; mặt đường đào xới gây bụi, mất an toàn giao thông, ảnh hưởng việc buôn bán của người dân.',
    },
    {
      tone: 'NEGATIVE',
      title: 'Công trình mới đưa vào sử dụng tại {dia_ban} đã xuống cấp',
      summary:
        'Người dân {dia_ban} phản ánh {cong_trinh} mới nghiệm thu đã bong tróc, nứt, lún; nghi vấn chất lượng thi công, đề nghị kiểm tra trách nhiệm nhà thầu và đơn vị giám sát.',
    },
    {
      tone: 'MIXED',
      title: 'Dư luận về tiến độ giải ngân vốn đầu tư công',
      summary:
        'Dư luận quan tâm tỷ lệ giải ngân vốn đầu tư công của tỉnh mới đạt khoảng {phan_tram}% kế hoạch; nhiều công trình giao thông, trường học tại {dia_ban} chờ vốn trong khi nhu cầu của người dân rất bức thiết.',
    },
    {
      tone: 'POSITIVE',
      title: 'Người dân {dia_ban} phấn khởi khi {du_an} được triển khai',
      summary:
        'Người dân {dia_ban} phấn khởi khi {du_an} được triển khai, kỳ vọng rút ngắn thời gian đi lại, thúc đẩy du lịch và tiêu thụ {nong_san}.',
    },
    {
      tone: 'NEGATIVE',
      title: 'Trụ sở cũ bỏ trống sau sắp xếp gây lãng phí tại {dia_ban}',
      summary:
        'Nhiều trụ sở, công trình công tại {dia_ban} bỏ trống sau sắp xếp đơn vị hành chính, xuống cấp nhanh; người dân đề nghị sớm chuyển đổi làm trường học, nhà văn hóa, trạm y tế.',
    },
  ],
  DIGITAL_TRANSFORMATION: [
    {
      tone: 'NEGATIVE',
      title: 'Người cao tuổi ở {dia_ban} khó kích hoạt VNeID mức 2',
      summary:
        'Nhiều người cao tuổi, đồng bào dân tộc thiểu số ở {dia_ban} không có điện thoại thông minh, gặp khó khăn khi kích hoạt tài khoản định danh điện tử VNeID mức 2 và thực hiện dịch vụ công trực tuyến.',
    },
    {
      tone: 'NEGATIVE',
      title: 'Cổng dịch vụ công trực tuyến thường xuyên lỗi khi nộp hồ sơ',
      summary:
        'Người dân, doanh nghiệp {dia_ban} phản ánh cổng dịch vụ công trực tuyến thường bị lỗi, chậm khi nộp hồ sơ {thu_tuc}; phải nộp lại nhiều lần, cuối cùng vẫn phải đến bộ phận một cửa.',
    },
    {
      tone: 'NEGATIVE',
      title: 'Vùng lõm sóng di động tại {dia_ban}',
      summary:
        'Một số thôn ở {dia_ban} chưa có sóng di động, internet ổn định; học sinh phải lên đồi tìm sóng, người dân không thể làm thủ tục trực tuyến hay thanh toán không dùng tiền mặt.',
    },
    {
      tone: 'MIXED',
      title: 'Ý kiến về thanh toán không dùng tiền mặt tại chợ {dia_ban}',
      summary:
        'Mô hình chợ 4.0 tại {dia_ban} được người trẻ ủng hộ, nhưng tiểu thương lớn tuổi lo bị lừa đảo qua mã QR giả và phát sinh phí giao dịch.',
    },
    {
      tone: 'POSITIVE',
      title: 'Tổ công nghệ số cộng đồng {dia_ban} hỗ trợ người dân hiệu quả',
      summary:
        'Tổ công nghệ số cộng đồng tại {dia_ban} đến từng nhà hướng dẫn cài đặt VNeID, nộp hồ sơ trực tuyến, được người dân đánh giá cao.',
    },
  ],
  EDUCATION: [
    {
      tone: 'NEGATIVE',
      months: [8, 9, 10],
      title: '{truong} thiếu giáo viên đầu năm học',
      summary:
        'Năm học mới, {truong} ({dia_ban}) còn thiếu {so_gv} giáo viên Tiếng Anh, Tin học, Âm nhạc; phụ huynh lo ngại chất lượng dạy học, một số lớp phải ghép.',
    },
    {
      tone: 'NEGATIVE',
      title: 'Phụ huynh {dia_ban} băn khoăn việc sáp nhập điểm trường lẻ',
      summary:
        'Phụ huynh {dia_ban} lo lắng khi điểm trường lẻ sáp nhập về trường chính, học sinh nhỏ phải đi xa thêm {so_km} km qua đèo dốc, nhất là mùa mưa.',
    },
    {
      tone: 'NEGATIVE',
      months: [8, 9, 10],
      title: 'Phản ánh các khoản thu đầu năm học tại {truong}',
      summary:
        'Phụ huynh phản ánh các khoản thu đầu năm tại {truong} ({dia_ban}) quá nhiều, có khoản gọi là "tự nguyện" nhưng ấn định mức; đề nghị công khai, minh bạch.',
    },
    {
      tone: 'NEGATIVE',
      title: 'Giáo viên {dia_ban} chậm nhận phụ cấp, tiền dạy thêm giờ',
      summary:
        'Giáo viên tại {dia_ban} phản ánh phụ cấp, tiền dạy thêm giờ chậm chi trả {so_thang} tháng; tâm lý chán nản, một số người có ý định nghỉ việc.',
    },
    {
      tone: 'NEGATIVE',
      title: 'Phòng học xuống cấp, thiếu nhà vệ sinh tại {truong}',
      summary:
        'Nhiều phòng học của {truong} ({dia_ban}) thấm dột, tường nứt, thiếu nhà vệ sinh đạt chuẩn; phụ huynh lo mất an toàn cho học sinh trong mùa mưa bão.',
    },
    {
      tone: 'POSITIVE',
      title: 'Phụ huynh đồng tình chính sách miễn học phí',
      summary:
        'Chính sách miễn học phí cho học sinh từ mầm non đến trung học phổ thông công lập được phụ huynh {dia_ban} đồng tình, phấn khởi, giảm gánh nặng chi phí đầu năm học.',
    },
  ],
  HEALTH: [
    {
      tone: 'NEGATIVE',
      months: [6, 7, 8, 9, 10, 11],
      title: 'Sốt xuất huyết gia tăng tại {dia_ban}',
      summary:
        'Số ca sốt xuất huyết tại {dia_ban} tăng nhanh trong mùa mưa, đã ghi nhận {so_ca} ca; người dân mong được phun hóa chất diệt muỗi, tổ chức chiến dịch diệt lăng quăng.',
    },
    {
      tone: 'NEGATIVE',
      title: 'Người bệnh BHYT phải tự mua thuốc do bệnh viện thiếu thuốc',
      summary:
        'Người bệnh có thẻ bảo hiểm y tế ở {dia_ban} phản ánh phải tự mua thuốc, vật tư y tế bên ngoài do cơ sở khám chữa bệnh thiếu; chi phí tăng, gây bức xúc.',
    },
    {
      tone: 'NEGATIVE',
      title: 'Trạm y tế {dia_ban} không có bác sĩ thường trực',
      summary:
        'Sau khi điều động nhân lực, trạm y tế {dia_ban} không còn bác sĩ thường trực; người dân phải đi xa {so_km} km để khám bệnh, cấp cứu.',
    },
    {
      tone: 'NEGATIVE',
      title: 'Nhiều người nhập viện nghi ngộ độc thực phẩm tại {dia_ban}',
      summary:
        '{so_ca} người tại {dia_ban} phải nhập viện với biểu hiện đau bụng, nôn ói sau bữa ăn tập thể; dư luận lo ngại về an toàn thực phẩm ở các bếp ăn và hàng quán.',
    },
    {
      tone: 'NEGATIVE',
      title: 'Bệnh tay chân miệng ở trẻ em tăng tại {dia_ban}',
      summary:
        'Phụ huynh {dia_ban} lo lắng khi số trẻ mắc tay chân miệng tăng ({so_ca} ca), nhiều trường mầm non có ca bệnh; đề nghị tăng cường khử khuẩn, truyền thông phòng bệnh.',
    },
    {
      tone: 'POSITIVE',
      title: 'Đồng tình chủ trương khám sức khỏe định kỳ miễn phí cho người dân',
      summary:
        'Chủ trương khám sức khỏe định kỳ miễn phí và tiến tới miễn viện phí được đông đảo người dân {dia_ban} đồng tình, kỳ vọng sớm triển khai đến cơ sở.',
    },
  ],
  PERSONNEL: [
    {
      tone: 'NEGATIVE',
      title: 'Cán bộ {dia_ban} băn khoăn về bố trí vị trí việc làm sau sắp xếp',
      summary:
        'Cán bộ, công chức {dia_ban} băn khoăn việc bố trí vị trí việc làm sau hợp nhất, một số người phải làm trái chuyên môn; lo lắng về lộ trình tinh giản biên chế.',
    },
    {
      tone: 'NEGATIVE',
      title: 'Phản ánh cán bộ có biểu hiện gây phiền hà khi giải quyết hồ sơ đất đai',
      summary:
        'Người dân phản ánh một cán bộ địa chính {dia_ban} có biểu hiện gây khó khăn, gợi ý "chi phí" khi làm hồ sơ đất đai; đề nghị kiểm tra, làm rõ.',
    },
    {
      tone: 'MIXED',
      title: 'Chậm chi trả chế độ cho cán bộ nghỉ việc theo Nghị định 178',
      summary:
        'Một số cán bộ nghỉ hưu trước tuổi, nghỉ thôi việc theo Nghị định 178/2024/NĐ-CP tại {dia_ban} phản ánh chậm nhận chế độ, chính sách; đồng tình chủ trương nhưng mong giải quyết dứt điểm.',
    },
    {
      tone: 'NEGATIVE',
      title: 'Cán bộ {dia_ban} phải đi làm xa sau khi hợp nhất trụ sở',
      summary:
        'Nhiều cán bộ, công chức phải di chuyển {so_km} km mỗi ngày đến trụ sở mới của {dia_ban}, đường đèo dốc nguy hiểm; đề nghị bố trí nhà công vụ, hỗ trợ đi lại.',
    },
    {
      tone: 'POSITIVE',
      title: 'Đồng tình với chủ trương tinh gọn bộ máy, đánh giá cán bộ thực chất',
      summary:
        'Cán bộ, đảng viên {dia_ban} đồng tình chủ trương tinh gọn bộ máy, đánh giá cán bộ bằng sản phẩm cụ thể, kỳ vọng lựa chọn được người có năng lực, trách nhiệm.',
    },
  ],
  RELIGION_ETHNICITY: [
    {
      tone: 'NEGATIVE',
      title: 'Đối tượng lôi kéo người dân {dia_ban} sinh hoạt tôn giáo trái phép',
      summary:
        'Xuất hiện đối tượng lạ tuyên truyền, lôi kéo người dân, nhất là đồng bào dân tộc thiểu số ở {dia_ban}, tham gia sinh hoạt tại điểm nhóm chưa đăng ký; có nội dung xuyên tạc chính sách dân tộc, tôn giáo.',
    },
    {
      tone: 'NEGATIVE',
      title: 'Tranh chấp đất đai liên quan cơ sở tôn giáo tại {dia_ban}',
      summary:
        'Dư luận {dia_ban} quan tâm việc tranh chấp ranh giới đất giữa một cơ sở tôn giáo và các hộ dân liền kề; tín đồ tập trung đông người, tiềm ẩn phức tạp.',
    },
    {
      tone: 'NEGATIVE',
      title: 'Đồng bào dân tộc thiểu số {dia_ban} thiếu đất sản xuất',
      summary:
        '{so_ho} hộ đồng bào dân tộc thiểu số tại {dia_ban} thiếu đất sản xuất, đề nghị sớm được giao đất, hỗ trợ sinh kế theo Chương trình mục tiêu quốc gia phát triển kinh tế – xã hội vùng đồng bào dân tộc thiểu số và miền núi.',
    },
    {
      tone: 'POSITIVE',
      title: 'Người có uy tín tích cực vận động đồng bào ở {dia_ban}',
      summary:
        'Già làng, người có uy tín tại {dia_ban} tích cực vận động đồng bào bàn giao mặt bằng, không nghe theo kẻ xấu, giữ gìn an ninh trật tự thôn buôn; được chính quyền và Nhân dân ghi nhận.',
    },
    {
      tone: 'MIXED',
      title: 'Ý kiến về tổ chức lễ hội truyền thống của đồng bào tại {dia_ban}',
      summary:
        'Việc khôi phục lễ hội truyền thống, cồng chiêng tại {dia_ban} được đồng bào hoan nghênh, song một số ý kiến lo ngại thương mại hóa và kinh phí tổ chức còn hạn chế.',
    },
  ],
  SECURITY_ORDER: [
    {
      tone: 'NEGATIVE',
      title: 'Lừa đảo qua điện thoại giả danh công an tại {dia_ban}',
      summary:
        'Nhiều người dân {dia_ban} nhận cuộc gọi giả danh công an, yêu cầu "cập nhật VNeID", cài ứng dụng lạ; đã có {so_nguoi} người bị chiếm đoạt tiền trong tài khoản.',
    },
    {
      tone: 'NEGATIVE',
      title: 'Hoạt động "tín dụng đen" gây hoang mang tại {dia_ban}',
      summary:
        'Hoạt động cho vay qua ứng dụng, lãi suất cắt cổ tại {dia_ban}; đối tượng đòi nợ bằng cách tạt chất bẩn, bôi nhọ người vay trên {mang_xa_hoi}, gây hoang mang trong Nhân dân.',
    },
    {
      tone: 'NEGATIVE',
      title: 'Trộm cắp {nong_san} mùa thu hoạch tại {dia_ban}',
      summary:
        'Người dân {dia_ban} phản ánh tình trạng trộm cắp {nong_san}, máy bơm, vật tư nông nghiệp vào mùa thu hoạch; nhiều hộ phải thức canh rẫy.',
    },
    {
      tone: 'NEGATIVE',
      title: 'Thanh thiếu niên tụ tập đua xe, gây rối tại {dia_ban}',
      summary:
        'Nhóm thanh thiếu niên thường tụ tập đua xe, lạng lách, mang theo hung khí vào ban đêm trên các tuyến đường của {dia_ban}, gây mất an ninh trật tự.',
    },
    {
      tone: 'NEGATIVE',
      title: 'Lo ngại tệ nạn ma túy trong giới trẻ ở {dia_ban}',
      summary:
        'Phụ huynh {dia_ban} lo ngại tình trạng sử dụng ma túy tổng hợp, "nước vui", thuốc lá điện tử trong giới trẻ tại các quán bar, homestay.',
    },
    {
      tone: 'POSITIVE',
      title: 'Tổ bảo vệ an ninh, trật tự ở cơ sở {dia_ban} hoạt động hiệu quả',
      summary:
        'Tổ bảo vệ an ninh, trật tự ở cơ sở tại {dia_ban} tuần tra thường xuyên, kịp thời hòa giải mâu thuẫn, được người dân tin tưởng.',
    },
  ],
  ECONOMY_LIVELIHOOD: [
    {
      tone: 'NEGATIVE',
      title: 'Giá {nong_san} giảm mạnh, nông dân {dia_ban} thua lỗ',
      summary:
        'Giá {nong_san} tại {dia_ban} giảm khoảng {phan_tram}% so với đầu vụ trong khi giá phân bón, vật tư tăng; nhiều hộ thua lỗ, khó trả nợ vay ngân hàng.',
    },
    {
      tone: 'POSITIVE',
      title: 'Giá {nong_san} ở mức cao, nông dân {dia_ban} phấn khởi',
      summary:
        'Giá {nong_san} duy trì ở mức cao, nông dân {dia_ban} phấn khởi, đầu tư tái canh, xây nhà mới; một số ý kiến lo ngại việc mở rộng diện tích ồ ạt, thiếu quy hoạch.',
    },
    {
      tone: 'NEGATIVE',
      months: [5, 6, 7, 8, 9],
      title: 'Sầu riêng {dia_ban} bị thương lái ép giá do lo ngại dư lượng chất cấm',
      summary:
        'Nhiều lô sầu riêng xuất khẩu bị trả về do phát hiện dư lượng chất vàng O, cadimi; thương lái ép giá, nông dân {dia_ban} lo lắng, đề nghị hỗ trợ kiểm nghiệm, cấp mã số vùng trồng.',
    },
    {
      tone: 'NEGATIVE',
      title: 'Giá cả hàng hóa, giá điện tăng ảnh hưởng đời sống người lao động',
      summary:
        'Người lao động có thu nhập thấp tại {dia_ban} phản ánh giá điện, giá thực phẩm, tiền thuê trọ tăng trong khi thu nhập không đổi, đời sống gặp nhiều khó khăn.',
    },
    {
      tone: 'NEGATIVE',
      title: 'Lo ngại thiếu việc làm, lao động trẻ {dia_ban} đi làm xa',
      summary:
        'Nhiều lao động trẻ tại {dia_ban} mất việc hoặc phải đi làm xa ở các khu công nghiệp ngoài tỉnh; người cao tuổi, trẻ em ở lại thiếu người chăm sóc.',
    },
    {
      tone: 'MIXED',
      title: 'Du lịch {dia_ban} đông khách nhưng dịch vụ chưa tương xứng',
      summary:
        'Lượng khách du lịch đến {dia_ban} tăng, tạo việc làm cho người dân, song tình trạng ùn tắc, "chặt chém" giá dịch vụ và ô nhiễm gây ảnh hưởng hình ảnh địa phương.',
    },
    {
      tone: 'NEGATIVE',
      months: [12, 1, 2],
      title: 'Giá hàng hóa tăng dịp Tết, người dân lo chi tiêu',
      summary:
        'Giá thực phẩm, hoa quả, vé xe dịp Tết tại {dia_ban} tăng {phan_tram}%; người lao động nghèo lo chi tiêu, đề nghị tăng cường kiểm tra bình ổn giá.',
    },
  ],
  SOCIAL_WELFARE: [
    {
      tone: 'NEGATIVE',
      title: 'Chậm chi trả trợ cấp xã hội sau sắp xếp tại {dia_ban}',
      summary:
        'Người cao tuổi, người khuyết tật tại {dia_ban} phản ánh chậm nhận trợ cấp xã hội hằng tháng {so_thang} tháng do chuyển đổi dữ liệu, danh sách chi trả sau sắp xếp đơn vị hành chính.',
    },
    {
      tone: 'NEGATIVE',
      title: 'Bình xét hộ nghèo chưa công bằng tại {dia_ban}',
      summary:
        'Một số người dân {dia_ban} cho rằng việc bình xét hộ nghèo, cận nghèo chưa công khai, có trường hợp khá giả vẫn được hưởng chính sách trong khi hộ khó khăn bị bỏ sót.',
    },
    {
      tone: 'NEGATIVE',
      months: [5, 6, 7, 8, 9, 10, 11],
      title: 'Người dân {dia_ban} bị thiệt hại do mưa lớn, lốc xoáy cần hỗ trợ',
      summary:
        'Mưa lớn kèm lốc xoáy làm tốc mái {so_ho} căn nhà, hư hại hoa màu tại {dia_ban}; người dân mong được hỗ trợ khẩn cấp khắc phục hậu quả.',
    },
    {
      tone: 'POSITIVE',
      title: 'Hoàn thành xóa nhà tạm, nhà dột nát tại {dia_ban}',
      summary:
        'Chương trình xóa nhà tạm, nhà dột nát tại {dia_ban} hoàn thành, {so_ho} hộ có nhà mới; người dân phấn khởi, cảm ơn sự quan tâm của Đảng, Nhà nước.',
    },
    {
      tone: 'MIXED',
      title: 'Người lao động {dia_ban} băn khoăn khi rút bảo hiểm xã hội một lần',
      summary:
        'Nhiều lao động tự do tại {dia_ban} băn khoăn quy định mới về hưởng bảo hiểm xã hội một lần; đồng tình mục tiêu an sinh lâu dài nhưng lo trước mắt thiếu tiền chi tiêu.',
    },
  ],
  PARTY_BUILDING: [
    {
      tone: 'POSITIVE',
      title: 'Cán bộ, đảng viên {dia_ban} đồng tình với việc triển khai Nghị quyết Đại hội XIV',
      summary:
        'Cán bộ, đảng viên và Nhân dân {dia_ban} đồng tình, tin tưởng vào các quyết sách của Nghị quyết Đại hội XIV của Đảng, mong sớm cụ thể hóa thành chương trình hành động ở cơ sở.',
    },
    {
      tone: 'NEGATIVE',
      title: 'Thông tin xuyên tạc về công tác cán bộ của tỉnh trên {mang_xa_hoi}',
      summary:
        'Trên {mang_xa_hoi} xuất hiện bài viết xuyên tạc, bôi nhọ lãnh đạo tỉnh liên quan công tác nhân sự; một bộ phận người dân {dia_ban} chia sẻ mà không kiểm chứng.',
    },
    {
      tone: 'NEGATIVE',
      title: 'Sinh hoạt chi bộ ở {dia_ban} còn hình thức',
      summary:
        'Một số đảng viên {dia_ban} cho rằng sinh hoạt chi bộ sau hợp nhất còn đơn điệu, hình thức, ít thảo luận những vấn đề người dân quan tâm; đảng viên cao tuổi ngại đi sinh hoạt xa.',
    },
    {
      tone: 'POSITIVE',
      title: 'Đồng tình với việc xử lý nghiêm cán bộ vi phạm',
      summary:
        'Dư luận {dia_ban} đồng tình việc xử lý kỷ luật nghiêm minh các cán bộ, đảng viên vi phạm trong quản lý đất đai, đầu tư công, cho rằng góp phần củng cố niềm tin của Nhân dân.',
    },
    {
      tone: 'MIXED',
      title: 'Tâm tư đảng viên về việc hợp nhất tổ chức cơ sở đảng',
      summary:
        'Đảng viên {dia_ban} đồng tình chủ trương hợp nhất các tổ chức cơ sở đảng, song còn băn khoăn về việc chuyển sinh hoạt, bố trí cấp ủy viên và chế độ phụ cấp.',
    },
  ],
  LOCAL_GOVERNMENT_REFORM: [
    {
      tone: 'MIXED',
      title: 'Người dân {dia_ban} phải đi xa làm thủ tục sau sắp xếp xã',
      summary:
        'Sau sắp xếp, trụ sở mới cách một số thôn của {dia_ban} hơn {so_km} km; người dân đồng tình chủ trương nhưng mong có điểm tiếp nhận hồ sơ lưu động, hỗ trợ người cao tuổi.',
    },
    {
      tone: 'NEGATIVE',
      title: 'Lúng túng khi giấy tờ còn ghi địa chỉ cũ cấp huyện',
      summary:
        'Người dân {dia_ban} lúng túng khi giấy tờ ghi địa chỉ cũ (có cấp huyện) không khớp địa chỉ mới; một số ngân hàng, cơ quan yêu cầu xác nhận, gây phiền hà.',
    },
    {
      tone: 'POSITIVE',
      title: 'Chính quyền địa phương hai cấp tại {dia_ban} vận hành thông suốt',
      summary:
        'Người dân {dia_ban} ghi nhận bộ máy chính quyền địa phương hai cấp vận hành thông suốt, thủ tục được giải quyết ngay tại xã, không phải lên huyện như trước.',
    },
    {
      tone: 'NEGATIVE',
      title: 'Cán bộ {dia_ban} quá tải công việc sau sắp xếp',
      summary:
        'Khối lượng công việc chuyển về cấp xã lớn trong khi biên chế, chuyên môn về đất đai, xây dựng, tài chính của {dia_ban} còn thiếu; nhiều hồ sơ tồn đọng.',
    },
    {
      tone: 'MIXED',
      title: 'Ý kiến về tên gọi mới của đơn vị hành chính {dia_ban}',
      summary:
        'Một bộ phận người dân {dia_ban} tiếc nuối tên gọi cũ gắn với lịch sử, truyền thống; đề nghị lưu giữ tên cũ trong đặt tên thôn, tổ dân phố, đường phố.',
    },
  ],
  OTHER: [
    {
      tone: 'NEGATIVE',
      title: 'Tai nạn giao thông liên tiếp trên {deo}',
      summary:
        'Người dân {dia_ban} lo lắng khi liên tiếp xảy ra tai nạn giao thông nghiêm trọng trên {deo}, nhất là xe tải, xe khách vào ban đêm và khi trời mưa, sương mù.',
    },
    {
      tone: 'POSITIVE',
      title: 'Người dân {dia_ban} hưởng ứng các hoạt động kỷ niệm ngày lễ lớn',
      summary:
        'Các hoạt động kỷ niệm ngày lễ lớn, văn nghệ, thể thao tại {dia_ban} thu hút đông người dân tham gia, góp phần củng cố khối đại đoàn kết.',
    },
    {
      tone: 'NEUTRAL',
      months: [6, 7, 8, 9, 10, 11],
      title: 'Người dân {dia_ban} quan tâm dự báo thời tiết, mùa mưa bão',
      summary:
        'Người dân {dia_ban} quan tâm thông tin dự báo thời tiết, lịch xả lũ của các hồ thủy điện để chủ động sản xuất và phòng tránh thiên tai.',
    },
  ],
};

// ---------------------------------------------------------------------------------------------------------
// Slots

interface RegionalWords {
  projects: readonly string[];
  works: readonly string[];
  crops: readonly string[];
  minerals: readonly string[];
  rivers: readonly string[];
  passes: readonly string[];
}

const REGIONAL_WORDS: Readonly<Record<Region, RegionalWords>> = {
  LAM_DONG: {
    projects: [
      'dự án cao tốc Tân Phú – Bảo Lộc',
      'dự án cao tốc Bảo Lộc – Liên Khương',
      'dự án mở rộng Quốc lộ 20',
      'dự án nâng cấp Quốc lộ 27',
      'dự án đường vành đai Đà Lạt',
    ],
    works: ['công trình nâng cấp đường liên xã', 'công trình kè suối', 'công trình trường mầm non', 'công trình nhà văn hóa thôn', 'công trình hệ thống thoát nước'],
    crops: ['cà phê', 'chè', 'rau', 'hoa', 'sầu riêng', 'bơ', 'dâu tây'],
    minerals: ['cát', 'đất sét', 'đá xây dựng'],
    rivers: ['sông Đồng Nai', 'sông Đa Nhim', 'suối Cam Ly', 'sông Đạ Huoai'],
    passes: ['đèo Bảo Lộc', 'đèo Prenn', 'đèo Mimosa', 'đèo D’Ran'],
  },
  DAK_NONG: {
    projects: [
      'dự án cao tốc Gia Nghĩa – Chơn Thành',
      'dự án nâng cấp Quốc lộ 14',
      'dự án Quốc lộ 28',
      'dự án mở rộng khai thác bauxite Nhân Cơ',
      'dự án hồ chứa nước phục vụ tưới tiêu',
    ],
    works: ['công trình đường giao thông nông thôn', 'công trình thủy lợi', 'công trình trường tiểu học', 'công trình chợ trung tâm'],
    crops: ['cà phê', 'hồ tiêu', 'sầu riêng', 'mắc ca', 'điều'],
    minerals: ['cát', 'bauxite', 'đá bazan'],
    rivers: ['sông Krông Nô', 'sông Sêrêpốk', 'sông Đồng Nai'],
    passes: ['dốc Đắk Song', 'Quốc lộ 14 đoạn qua Gia Nghĩa'],
  },
  BINH_THUAN: {
    projects: [
      'dự án cao tốc Vĩnh Hảo – Phan Thiết',
      'dự án cao tốc Phan Thiết – Dầu Giây',
      'dự án đường ven biển ĐT.719B',
      'dự án Cảng hàng không Phan Thiết',
      'dự án hồ chứa nước Ka Pét',
    ],
    works: ['công trình kè chống sạt lở bờ biển', 'công trình đường ven biển', 'công trình trạm y tế', 'công trình cấp nước sinh hoạt'],
    crops: ['thanh long', 'cao su', 'điều', 'lúa', 'hải sản'],
    minerals: ['cát', 'titan', 'cát trắng'],
    rivers: ['sông Cà Ty', 'sông La Ngà', 'sông Lũy', 'sông Dinh'],
    passes: ['Quốc lộ 1 đoạn qua Hàm Thuận Nam', 'Quốc lộ 28 đoạn đèo Đại Ninh'],
  },
};

const PROCEDURES = [
  'cấp giấy chứng nhận quyền sử dụng đất',
  'chuyển mục đích sử dụng đất',
  'đăng ký khai sinh',
  'chứng thực bản sao',
  'đăng ký hộ kinh doanh',
  'cấp giấy phép xây dựng',
  'đăng ký biến động đất đai',
  'xác nhận tình trạng hôn nhân',
] as const;

const SOCIAL_NETWORKS = ['Facebook', 'TikTok', 'YouTube', 'các hội nhóm Zalo', 'mạng xã hội'] as const;
const SCHOOL_LEVELS = ['Trường Mầm non', 'Trường Tiểu học', 'Trường THCS', 'Trường THPT', 'Trường Phổ thông dân tộc nội trú'] as const;

/** Values for every slot a template may use, drawn for one report. */
export function contentSlots(rng: Random, place: Place): Record<string, string> {
  const words = REGIONAL_WORDS[place.region];
  const placeName = place.commune?.name ?? rng.pick(['Đà Lạt', 'Bảo Lộc', 'Gia Nghĩa', 'Phan Thiết', 'Di Linh', 'Đức Trọng']);
  return {
    dia_ban: placePhrase(place),
    du_an: rng.pick(words.projects),
    cong_trinh: rng.pick(words.works),
    nong_san: rng.pick(words.crops),
    khoang_san: rng.pick(words.minerals),
    song: rng.pick(words.rivers),
    deo: rng.pick(words.passes),
    thu_tuc: rng.pick(PROCEDURES),
    mang_xa_hoi: rng.pick(SOCIAL_NETWORKS),
    truong: `${rng.pick(SCHOOL_LEVELS)} ${placeName}`,
    so_ho: String(rng.int(6, 180)),
    so_nguoi: String(rng.int(2, 40)),
    so_thang: String(rng.int(2, 18)),
    so_ngay: String(rng.int(3, 45)),
    phan_tram: String(rng.int(10, 45)),
    so_km: String(rng.int(5, 35)),
    so_ca: String(rng.int(12, 260)),
    so_gv: String(rng.int(2, 14)),
  };
}

/** Replaces every `{slot}`; a slot without a value is a programming error. */
export function fillTemplate(template: string, slots: Readonly<Record<string, string>>): string {
  const text = template.replace(/\{([a-z_]+)\}/g, (_match, name: string) => {
    const value = slots[name];
    if (value === undefined) throw new Error(`demo content: no value for slot {${name}} in "${template}"`);
    return value;
  });
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What a further report on the same matter adds: prefixed to the title, appended to the summary. */
export const FOLLOW_UPS = [
  { title: 'Tiếp tục phản ánh', note: 'Cập nhật: số người quan tâm, kiến nghị tăng lên so với lần phản ánh trước.' },
  { title: 'Diễn biến mới', note: 'Cập nhật: thông tin tiếp tục được chia sẻ rộng trên mạng xã hội, nhiều bình luận trái chiều.' },
  { title: 'Phản ánh thêm', note: 'Cập nhật: người dân cho biết chưa thấy cơ quan chức năng vào cuộc, tâm lý chờ đợi.' },
  { title: 'Ý kiến tại hội nghị giao ban', note: 'Cập nhật: nội dung được nêu tại hội nghị giao ban dư luận xã hội, đề nghị sớm có câu trả lời.' },
] as const;

/** Where a report from the press or cyberspace was read. */
export const PRESS_OUTLETS = ['Báo Lâm Đồng', 'Báo Tuổi Trẻ', 'Báo Thanh Niên', 'Báo Người Lao Động', 'VnExpress', 'Đài Phát thanh – Truyền hình Lâm Đồng'] as const;
export const SOCIAL_OUTLETS = ['Facebook – nhóm cộng đồng cư dân địa phương', 'TikTok', 'YouTube', 'Fanpage tin tức địa phương', 'Nhóm Zalo khu dân cư'] as const;

// ---------------------------------------------------------------------------------------------------------
// Agencies and officers

/** A body that issues are referred to (cơ quan chuyên môn), with the sectors within its authority. */
export interface Agency {
  id: string;
  name: string;
  sectors: readonly Sector[];
}

export const PROVINCIAL_AGENCIES: readonly Agency[] = [
  { id: 'so-nong-nghiep-moi-truong', name: 'Sở Nông nghiệp và Môi trường', sectors: ['PLANNING_LAND', 'COMPENSATION_SITE_CLEARANCE', 'ENVIRONMENT', 'ECONOMY_LIVELIHOOD'] },
  { id: 'so-tai-chinh', name: 'Sở Tài chính', sectors: ['PUBLIC_INVESTMENT', 'COMPENSATION_SITE_CLEARANCE', 'ECONOMY_LIVELIHOOD'] },
  { id: 'so-xay-dung', name: 'Sở Xây dựng', sectors: ['PLANNING_LAND', 'PUBLIC_INVESTMENT', 'COMPENSATION_SITE_CLEARANCE', 'OTHER'] },
  { id: 'so-cong-thuong', name: 'Sở Công Thương', sectors: ['ECONOMY_LIVELIHOOD', 'ENVIRONMENT'] },
  { id: 'so-y-te', name: 'Sở Y tế', sectors: ['HEALTH', 'SOCIAL_WELFARE'] },
  { id: 'so-giao-duc-dao-tao', name: 'Sở Giáo dục và Đào tạo', sectors: ['EDUCATION'] },
  { id: 'so-noi-vu', name: 'Sở Nội vụ', sectors: ['PERSONNEL', 'LOCAL_GOVERNMENT_REFORM', 'ADMINISTRATIVE_REFORM', 'SOCIAL_WELFARE', 'ECONOMY_LIVELIHOOD'] },
  { id: 'so-khoa-hoc-cong-nghe', name: 'Sở Khoa học và Công nghệ', sectors: ['DIGITAL_TRANSFORMATION', 'ADMINISTRATIVE_REFORM'] },
  { id: 'so-dan-toc-ton-giao', name: 'Sở Dân tộc và Tôn giáo', sectors: ['RELIGION_ETHNICITY'] },
  { id: 'so-van-hoa-the-thao-du-lich', name: 'Sở Văn hóa, Thể thao và Du lịch', sectors: ['ECONOMY_LIVELIHOOD', 'RELIGION_ETHNICITY', 'OTHER'] },
  { id: 'cong-an-tinh', name: 'Công an tỉnh', sectors: ['SECURITY_ORDER', 'DIGITAL_TRANSFORMATION', 'RELIGION_ETHNICITY', 'OTHER'] },
  { id: 'van-phong-ubnd-tinh', name: 'Văn phòng UBND tỉnh (Trung tâm Phục vụ hành chính công)', sectors: ['ADMINISTRATIVE_REFORM', 'LOCAL_GOVERNMENT_REFORM', 'DIGITAL_TRANSFORMATION'] },
  { id: 'ban-qlda-giao-thong', name: 'Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh', sectors: ['COMPENSATION_SITE_CLEARANCE', 'PUBLIC_INVESTMENT'] },
  { id: 'bao-hiem-xa-hoi-tinh', name: 'Bảo hiểm xã hội tỉnh', sectors: ['SOCIAL_WELFARE', 'HEALTH'] },
  { id: 'thanh-tra-tinh', name: 'Thanh tra tỉnh', sectors: ['PLANNING_LAND', 'PERSONNEL', 'PUBLIC_INVESTMENT'] },
  { id: 'ban-to-chuc-tinh-uy', name: 'Ban Tổ chức Tỉnh ủy', sectors: ['PARTY_BUILDING', 'PERSONNEL'] },
  { id: 'uy-ban-kiem-tra-tinh-uy', name: 'Ủy ban Kiểm tra Tỉnh ủy', sectors: ['PARTY_BUILDING', 'PERSONNEL'] },
];

/** The sectors a commune's People's Committee settles itself. */
const COMMUNE_SECTORS: readonly Sector[] = [
  'PLANNING_LAND',
  'COMPENSATION_SITE_CLEARANCE',
  'ENVIRONMENT',
  'ADMINISTRATIVE_REFORM',
  'PUBLIC_INVESTMENT',
  'EDUCATION',
  'SECURITY_ORDER',
  'SOCIAL_WELFARE',
  'LOCAL_GOVERNMENT_REFORM',
  'ECONOMY_LIVELIHOOD',
  'OTHER',
];

/** UBND xã/phường/đặc khu, e.g. `ubnd-24781`, 'UBND phường Xuân Hương - Đà Lạt'. */
export function communeAgency(commune: AdminUnit): Agency {
  return { id: `ubnd-${commune.code}`, name: `UBND ${ADMIN_UNIT_TYPE_LABELS[commune.type].toLowerCase()} ${commune.name}`, sectors: COMMUNE_SECTORS };
}

/** Cán bộ of Ban Tuyên giáo và Dân vận Tỉnh ủy who triage, verify, refer and close. */
export const OFFICER_IDS = ['btgdv-can-bo-01', 'btgdv-can-bo-02', 'btgdv-can-bo-03', 'btgdv-can-bo-04', 'btgdv-can-bo-05', 'btgdv-can-bo-06'] as const;

// ---------------------------------------------------------------------------------------------------------
// Collaborators

const FAMILY_NAMES: readonly (readonly [string, number])[] = [
  ['Nguyễn', 36], ['Trần', 11], ['Lê', 9], ['Phạm', 7], ['Hoàng', 4], ['Huỳnh', 4], ['Phan', 4], ['Vũ', 3], ['Võ', 4],
  ['Đặng', 2], ['Bùi', 2], ['Đỗ', 2], ['Hồ', 2], ['Ngô', 2], ['Dương', 1], ['Lý', 1], ['Trương', 1], ['Đinh', 1],
];
const MALE_MIDDLE = ['Văn', 'Đức', 'Minh', 'Hữu', 'Quang', 'Thanh', 'Công', 'Xuân', 'Ngọc', 'Anh'] as const;
const FEMALE_MIDDLE = ['Thị', 'Thị', 'Ngọc', 'Thanh', 'Thu', 'Thị Thu', 'Thị Minh', 'Bích', 'Kim'] as const;
const MALE_GIVEN = ['Hùng', 'Dũng', 'Tuấn', 'Hải', 'Sơn', 'Long', 'Phong', 'Thắng', 'Quân', 'Tâm', 'Bình', 'Trung', 'Hiếu', 'Khoa', 'Nam', 'Thành', 'Toàn', 'Lâm'] as const;
const FEMALE_GIVEN = ['Lan', 'Hương', 'Mai', 'Hoa', 'Hằng', 'Thủy', 'Nga', 'Trang', 'Linh', 'Hạnh', 'Dung', 'Yến', 'Loan', 'Phương', 'Thảo', 'Vân'] as const;
/** Names of the K'Ho, Mạ, M'Nông, Chu Ru and Chăm communities of the province. */
const ETHNIC_NAMES = [
  'K’ Brơi', 'Ka Huyền', 'K’ Điệp', 'Kră Jăn Ha Thoi', 'Điểu Thị Hằng', 'Điểu K’ Rứ', 'Y Thương', 'Thị Thu Liêng',
  'Bon Niêng Ha Mai', 'Cil Duy', 'Touneh Ha Biên', 'Đàng Văn Tuấn', 'Thông Thị Mỹ', 'Quảng Đại Sơn', 'Lâm Tấn Minh',
] as const;

export function personName(rng: Random): string {
  if (rng.chance(0.12)) return rng.pick(ETHNIC_NAMES);
  const family = rng.weighted(FAMILY_NAMES);
  return rng.chance(0.5)
    ? `${family} ${rng.pick(MALE_MIDDLE)} ${rng.pick(MALE_GIVEN)}`
    : `${family} ${rng.pick(FEMALE_MIDDLE)} ${rng.pick(FEMALE_GIVEN)}`;
}

const PROVINCE_UNITS = [
  'Ban Tuyên giáo và Dân vận Tỉnh ủy',
  'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh',
  'Hội Nông dân tỉnh',
  'Hội Liên hiệp Phụ nữ tỉnh',
  'Tỉnh đoàn',
  'Hội Cựu chiến binh tỉnh',
  'Liên đoàn Lao động tỉnh',
  'Sở Y tế',
  'Sở Giáo dục và Đào tạo',
  'Sở Nông nghiệp và Môi trường',
  'Công an tỉnh',
  'Báo và Phát thanh, Truyền hình Lâm Đồng',
  'Trường Chính trị tỉnh',
  'Cán bộ hưu trí',
] as const;
const COMMUNE_ROLES = [
  'Phó Bí thư Đảng ủy',
  'Chủ tịch Ủy ban MTTQ Việt Nam',
  'Chủ tịch Hội Nông dân',
  'Chủ tịch Hội Cựu chiến binh',
  'Bí thư Đoàn Thanh niên',
  'Trưởng thôn, tổ dân phố',
  'Người có uy tín',
  'Công chức Văn hóa – Xã hội',
] as const;

export function provinceCollaboratorUnit(rng: Random): string {
  return rng.pick(PROVINCE_UNITS);
}

export function communeCollaboratorUnit(rng: Random, commune: AdminUnit): string {
  return `${rng.pick(COMMUNE_ROLES)} ${ADMIN_UNIT_TYPE_LABELS[commune.type].toLowerCase()} ${commune.name}`;
}

// ---------------------------------------------------------------------------------------------------------
// Lifecycle texts. Slots: {dia_ban}, {linh_vuc} (the sector's label, lower case), {co_quan} (an agency's name).

export const VERIFICATION_METHODS = [
  'Làm việc trực tiếp với UBND {dia_ban}, đối chiếu hồ sơ',
  'Kiểm tra thực địa, ghi nhận ý kiến người dân',
  'Đối chiếu với báo cáo của cơ quan chuyên môn',
  'Xác minh qua cộng tác viên và người có uy tín tại địa bàn',
  'Phối hợp Công an tỉnh kiểm tra nguồn thông tin trên không gian mạng',
  'Trao đổi với Ủy ban MTTQ và các đoàn thể cơ sở',
] as const;

export const VERIFICATION_EVIDENCE: Readonly<Record<VerificationOutcome, readonly string[]>> = {
  CONFIRMED: [
    'Biên bản làm việc với UBND {dia_ban} xác nhận nội dung phản ánh đúng sự thật.',
    'Kết quả kiểm tra thực tế cho thấy phản ánh về {linh_vuc} là có cơ sở; người dân bức xúc thật sự.',
    'Hồ sơ, tài liệu do cơ quan chuyên môn cung cấp khớp với nội dung phản ánh.',
  ],
  PARTLY_CONFIRMED: [
    'Một phần nội dung đúng; số liệu về quy mô, số hộ bị ảnh hưởng bị thổi phồng so với thực tế.',
    'Sự việc có xảy ra nhưng đã được địa phương xử lý một phần; một số chi tiết lan truyền không chính xác.',
  ],
  UNFOUNDED: [
    'Thông tin lan truyền trên mạng xã hội là sai sự thật; hình ảnh được cắt ghép từ sự việc cũ ở địa phương khác.',
    'Kiểm tra thực tế không ghi nhận sự việc như phản ánh; nội dung bị xuyên tạc, suy diễn.',
  ],
  UNVERIFIABLE: [
    'Không xác định được người cung cấp thông tin và địa điểm cụ thể; chưa đủ cơ sở kết luận.',
    'Nguồn tin ẩn danh, các bên liên quan không hợp tác; tiếp tục theo dõi.',
  ],
};

export const REFERRAL_NOTES = [
  'Đề nghị {co_quan} kiểm tra, xử lý theo thẩm quyền và báo cáo kết quả về Ban Tuyên giáo và Dân vận Tỉnh ủy.',
  'Chuyển {co_quan} xem xét, giải quyết dứt điểm; thông tin kết quả để định hướng dư luận.',
  'Đề nghị {co_quan} chủ trì, phối hợp các đơn vị liên quan làm rõ nội dung phản ánh, trả lời người dân.',
] as const;

export const DECLINE_REASONS = [
  'Nội dung phản ánh không thuộc thẩm quyền giải quyết của đơn vị; đề nghị chuyển {co_quan}.',
  'Sau sắp xếp bộ máy, nhiệm vụ này đã chuyển giao cho {co_quan}; đơn vị không còn chức năng xử lý.',
  'Vụ việc thuộc lĩnh vực do {co_quan} quản lý nhà nước; đơn vị sẵn sàng phối hợp khi được yêu cầu.',
] as const;

export const RESPONSES_RESOLVED = [
  'Đã phối hợp UBND {dia_ban} kiểm tra thực tế, xử lý dứt điểm nội dung phản ánh về {linh_vuc}; tổ chức đối thoại, người dân thống nhất với kết quả giải quyết.',
  'Đã ban hành văn bản chỉ đạo khắc phục; các hộ dân liên quan đã được giải quyết quyền lợi theo quy định.',
  'Đã kiểm tra, xử lý vi phạm hành chính đối với tổ chức, cá nhân liên quan; công khai kết quả trên cổng thông tin điện tử.',
  'Đã chỉ đạo bộ phận chuyên môn giải quyết xong; kết quả được thông tin tại hội nghị giao ban và trên phương tiện thông tin đại chúng.',
] as const;

export const RESPONSES_UNRESOLVED = [
  'Đã tiếp nhận, kiểm tra; vụ việc phức tạp, liên quan nhiều cơ quan, đang xây dựng phương án giải quyết, dự kiến hoàn thành trong quý tới.',
  'Đã báo cáo UBND tỉnh xin ý kiến chỉ đạo do vượt thẩm quyền; trong thời gian chờ, đã giải thích chính sách cho người dân.',
] as const;

export const FEEDBACK_AFTER_RESPONSE = [
  'Ban Tuyên giáo và Dân vận Tỉnh ủy thông tin kết quả giải quyết của {co_quan} đến cộng tác viên và người dân {dia_ban}.',
  'Đã phản hồi kết quả xử lý cho người phản ánh qua cộng tác viên; đề nghị tiếp tục theo dõi, báo cáo diễn biến.',
] as const;

export const FEEDBACK_AFTER_VERIFICATION = [
  'Thông tin phản ánh đã được kiểm chứng, không có cơ sở; đề nghị cộng tác viên thông tin lại cho người dân, không chia sẻ tin chưa kiểm chứng.',
  'Chưa đủ căn cứ xác minh; đề nghị cộng tác viên tiếp tục nắm bắt, cung cấp thêm thông tin cụ thể nếu có.',
] as const;

export const ORIENTATION_GUIDANCE = [
  'Định hướng tuyên truyền: thông tin chính thống về chủ trương, chính sách liên quan {linh_vuc}; cung cấp kết quả giải quyết để người dân hiểu, đồng thuận.',
  'Đề nghị báo chí, hệ thống loa truyền thanh cơ sở và đội ngũ báo cáo viên thông tin khách quan về vụ việc tại {dia_ban}, tránh để kẻ xấu lợi dụng.',
] as const;

export const REBUTTAL_GUIDANCE = [
  'Phản bác thông tin sai sự thật về {linh_vuc} tại {dia_ban}; đăng tải thông tin chính thống trên các nền tảng số, đề nghị người dân không chia sẻ.',
  'Phối hợp cơ quan chức năng yêu cầu gỡ bỏ bài viết xuyên tạc; lan tỏa thông tin tích cực, "phủ xanh" không gian mạng.',
] as const;

export const QUICK_REPORT_REASONS = [
  'Vụ việc đông người, diễn biến phức tạp; báo cáo nhanh Thường trực Tỉnh ủy.',
  'Thông tin lan truyền mạnh trên mạng xã hội, có nguy cơ hình thành điểm nóng; báo cáo nhanh lãnh đạo.',
] as const;

export const HOTSPOT_REASONS = [
  'Người dân tụ tập đông người, có dấu hiệu bị kích động; xác định điểm nóng để tập trung chỉ đạo.',
  'Vụ việc kéo dài, khiếu kiện vượt cấp; đề nghị xác định điểm nóng về an ninh trật tự.',
] as const;

export const RESOLUTIONS_RESOLVED = [
  'Cơ quan có thẩm quyền đã giải quyết xong, đã phản hồi người phản ánh; dư luận ổn định.',
  'Vụ việc được giải quyết dứt điểm; tiếp tục theo dõi dư luận tại {dia_ban}.',
] as const;

export const RESOLUTIONS_UNFOUNDED = ['Thông tin sai sự thật đã được phản bác, định hướng; dư luận lắng xuống.', 'Đã kiểm chứng, thông tin không có cơ sở; kết thúc theo dõi.'] as const;
export const RESOLUTIONS_UNVERIFIABLE = ['Không đủ căn cứ kiểm chứng; lưu hồ sơ, tiếp tục nắm bắt qua cộng tác viên.'] as const;
export const RESOLUTIONS_NOTED = ['Ghi nhận, tổng hợp vào báo cáo tình hình dư luận xã hội hằng tháng.', 'Dư luận tích cực; đã tổng hợp phục vụ công tác tuyên truyền.'] as const;

export const REOPEN_REASONS = [
  'Phát sinh phản ánh mới: người dân cho rằng kết quả giải quyết chưa thỏa đáng.',
  'Sự việc tái diễn tại {dia_ban}; mở lại để theo dõi, xử lý.',
] as const;

export const MERGE_REASONS = ['Trùng nội dung, cùng địa bàn với vụ việc đã tiếp nhận.', 'Cùng một sự việc do nhiều cộng tác viên phản ánh.'] as const;
