/**
 * Words of the text-only page (/lite) in Vietnamese.
 *
 * Machine-assisted translation, to be reviewed by a native speaker (issue 17).
 */
import { localeOf } from '../../../../common/format.js'
import type { LiteStrings } from './en.js'

/** Not yet read by a native speaker. */
export const reviewed = false

const num = (n: number) => n.toLocaleString(localeOf('vi'))

export const vi: LiteStrings = {
  title: 'Tìm dịch vụ giảm tác hại và điều trị — bản chỉ có chữ',
  heading: 'Tìm trợ giúp gần bạn',
  intro: 'Bơm kim tiêm, naloxone, điều trị và phòng khám. Trang chỉ có chữ: không bản đồ, không script, không theo dõi.',
  mapVersion: 'Bản có bản đồ',
  near: 'Mã bưu chính hoặc thành phố',
  services: 'Dịch vụ (tất cả)',
  openNow: 'Đang mở cửa',
  naloxoneInStock: 'Hiện còn naloxone (theo cơ sở cho biết)',
  within: 'Trong vòng',
  miles: 'dặm',
  search: 'Tìm kiếm',
  skip: 'Chuyển đến kết quả',
  results: (n: number, place: string) => `${num(n)} nơi gần ${place}`,
  nearest: (n: number, place: string) => `${num(n)} nơi gần ${place} nhất`,
  moreResults: (from: number, to: number, place: string) =>
    from === to ? `Nơi thứ ${num(from)} gần ${place}` : `Các nơi ${num(from)}–${num(to)} gần ${place}`,
  radiusOption: (n: number) => `${num(n)} dặm`,
  none: 'Không tìm thấy nơi nào. Hãy thử khoảng cách xa hơn hoặc bớt dịch vụ.',
  demo: 'Dữ liệu mẫu — không phải dịch vụ thật.',
  call: 'Gọi',
  verifiedLabel: 'Đã xác minh',
  verifiedAny: 'bất kỳ lúc nào',
  verifiedWithin: { 180: 'trong 6 tháng', 365: 'trong một năm' } as Record<number, string>,
  noPhone: 'Chưa có số điện thoại',
  more: 'Thêm kết quả',
  error: 'Xin lỗi —',
  placeApproximated: (place: string) =>
    `Đang hiển thị kết quả gần ${place}: địa chỉ đường phố cần dịch vụ mã hóa địa lý, nên chỉ khớp được thành phố hoặc mã bưu chính.`,
  placeChoice: (name: string, place: string) => `${name} nào? Tạm thời hiển thị kết quả gần ${place}; hãy chọn nơi bạn muốn:`,
  placeNotFound: (q: string) => `không có mã bưu chính hay thành phố nào của Hoa Kỳ khớp với "${q}".`,
  unavailable: 'hiện không truy cập được danh sách. Vui lòng thử lại sau một phút.',
  details: 'Giờ mở cửa trong tuần, mọi số điện thoại và nguồn của thông tin',
  newSearch: 'Tìm kiếm mới',
  notFound: 'Nơi này không (còn) có trong danh bạ.',
  availability: {
    heading: 'Gần đây bạn có đến đây không?',
    hint: 'Ẩn danh: không có thông tin nào về bạn được gửi đi. Người quản lý danh bạ kiểm tra khi nhiều người thấy nơi này đóng cửa.',
    thanks: 'Cảm ơn bạn. Điều này giúp người đến sau.',
    tooMany: 'Có quá nhiều báo cáo từ kết nối này. Vui lòng thử lại sau một phút.',
    badChoice: 'Vui lòng dùng một trong các nút bên dưới.',
  },
  address: 'Địa chỉ',
  hours: 'Giờ mở cửa',
  hoursUnknown: 'Chưa có giờ mở cửa. Hãy gọi trước.',
  closedDay: 'Đóng cửa',
  allDay: 'Mở cửa 24 giờ',
  phones: 'Điện thoại',
  website: 'Trang web',
  servicesHeading: 'Dịch vụ',
  sources: 'Nguồn',
  sourcesSummary: (n: number) => `Nguồn của thông tin này (${num(n)} bản ghi)`,
  fromSources: (sources: string) => `từ ${sources}`,
  fromCurator: 'do người quản lý danh bạ đặt',
  and: 'và',
  recordPrimary: 'bản ghi chính',
  recordImported: (date: string) => `nhập ngày ${date}`,
  recordMerged: (date: string) => `gộp ngày ${date}`,
  recordInactive: 'nguồn này không còn liệt kê',
  moved:
    'Để bảo vệ quyền riêng tư của bạn, nội dung tìm kiếm không được lưu trong địa chỉ trang, nên dấu trang hay liên kết được chia sẻ không thể cho thấy bạn đã tìm ở đâu. Hãy nhập lại địa điểm để tìm.',
  badField: (field: string) => `không hiểu giá trị “${field}” của biểu mẫu. Vui lòng kiểm tra và tìm lại.`,
  fieldNames: {
    near: 'Mã bưu chính hoặc thành phố',
    services: 'Dịch vụ',
    open_now: 'Đang mở cửa',
    radius: 'Trong vòng',
    verified: 'Đã xác minh',
    lang: 'Ngôn ngữ',
    cursor: 'Thêm kết quả',
    from: 'Thêm kết quả',
  } as Record<string, string>,
  form: 'biểu mẫu',
  typeHeading: 'Loại cơ sở',
  payment: 'Hình thức thanh toán',
  languages: 'Ngôn ngữ sử dụng',
  directions: 'Chỉ đường (OpenStreetMap)',
  directionsByAddress: 'Chỉ đường đến địa chỉ (OpenStreetMap)',
  approxLocation: { zip_centroid: 'Vị trí gần đúng (khu vực mã bưu chính)', city: 'Vị trí gần đúng (khu vực thành phố)' } as Record<string, string>,
  approxLocationOther: 'Vị trí gần đúng',
  approxNote: 'Điểm được liệt kê là trung tâm khu vực, không phải cửa ra vào. Chỉ đường dùng địa chỉ.',
  approxShort: 'vị trí gần đúng',
  morePlaces: 'Hiện thêm kết quả',
  languageChoice: 'Ngôn ngữ',
  zipPrefix: 'mã bưu chính',
  unitStops: (unit: string) => `Các điểm dừng của ${unit}`,
  otherStops: (unit: string) => `Các điểm dừng khác của ${unit}`,
  noOpeningSoon: 'Không có giờ mở cửa trong 60 ngày tới',
}
